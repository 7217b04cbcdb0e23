package dev.backfire.orchestrator.messaging;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.Topics;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.service.RunDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds agent replies to the run driver. Blocking and ordered: the driver writes to PostgreSQL, and one
 * run's replies must be handled in order. The offset is committed only after the reply is stored and
 * the next turn published; an unreadable event throws, which sends it to the dead-letter topic.
 */
@ApplicationScoped
public class AgentMessageConsumer {
    public static final String CHANNEL = "agent-messages";
    /** Retries of a transient failure (database, broker) before the reply is given up to the dead-letter topic. */
    static final int STORE_RETRIES = 5;
    static final long STORE_RETRY_DELAY_MS = 200;
    private final RunDriver driver;
    private final MeterRegistry registry;

    public AgentMessageConsumer(RunDriver driver, MeterRegistry registry) {
        this.driver = driver;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = STORE_RETRIES, delay = STORE_RETRY_DELAY_MS, abortOn = MalformedEventException.class)
    public void consume(String payload) {
        AgentMessage message;
        try {
            message = EventCodec.decode(payload, AgentMessage.class);
        } catch (MalformedEventException e) {
            registry.counter(OrchestratorMetrics.DEAD_LETTERS, OrchestratorMetrics.TAG_SERVICE,
                    OrchestratorMetrics.SERVICE, OrchestratorMetrics.TAG_TOPIC, Topics.AGENT_MESSAGES).increment();
            throw e;
        }
        driver.onMessage(message);
    }
}
