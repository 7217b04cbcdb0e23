package dev.backfire.orchestrator.messaging;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.Topics;
import dev.backfire.orchestrator.service.RunDriver;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds agent replies to the run driver a poll at a time: one transaction and one round of publishing
 * per batch instead of per reply is what lets the orchestrator keep up with many agents. Blocking and
 * ordered: the driver writes to PostgreSQL, and one run's replies (one partition) must be handled in
 * order. The offsets are committed only after the batch is stored and what it caused is published. An
 * unreadable reply, or one naming no known run, goes to the dead-letter topic on its own; the rest of its
 * batch is stored.
 */
@ApplicationScoped
public class AgentMessageConsumer {
    public static final String CHANNEL = "agent-messages";
    private final RunDriver driver;
    private final DeadLetters deadLetters;

    public AgentMessageConsumer(RunDriver driver, DeadLetters deadLetters) {
        this.driver = driver;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<AgentMessage> messages = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                messages.add(EventCodec.decode(record.value(), AgentMessage.class));
            } catch (MalformedEventException e) {
                deadLetters.send(Topics.AGENT_MESSAGES, record.key(), record.value(), e.getMessage());
            }
        }
        for (AgentMessage unknown : driver.onMessages(messages)) {
            deadLetters.send(Topics.AGENT_MESSAGES, unknown.key(), EventCodec.encode(unknown),
                    "reply " + unknown.eventId() + " names an unknown run");
        }
    }
}
