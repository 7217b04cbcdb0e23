package dev.backfire.stats.messaging;

import dev.backfire.stats.metrics.StatsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends one unreadable event of a batch to the dead-letter topic, with the same headers the connector's
 * own dead-letter strategy writes, and waits for the broker: a batch consumer cannot let the connector do
 * it, as that would send the whole batch, good events included.
 */
@ApplicationScoped
public class DeadLetters {
    static final String CHANNEL = "dead-letters";
    static final String REASON_HEADER = "dead-letter-reason";
    static final String TOPIC_HEADER = "dead-letter-topic";

    private final MutinyEmitter<String> emitter;
    private final MeterRegistry registry;

    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<String> emitter, MeterRegistry registry) {
        this.emitter = emitter;
        this.registry = registry;
    }

    /** Sends the payload read from {@code topic} to the dead-letter topic with the reason; blocks until acknowledged. */
    public void send(String topic, String key, String payload, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        emitter.sendMessageAndAwait(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key).withHeaders(headers).build()));
        registry.counter(StatsMetrics.DEAD_LETTERS, StatsMetrics.TAG_SERVICE, StatsMetrics.SERVICE,
                StatsMetrics.TAG_TOPIC, topic).increment();
    }
}
