package dev.backfire.orchestrator.messaging;

import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import dev.backfire.orchestrator.service.RunDriver;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Hears from agents that gave up on a turn request, so that no run waits for a reply that will not come:
 * the run driver fails the run at once when retrying cannot help, and otherwise records the reason and
 * sends the request again after the turn retry delay.
 */
@ApplicationScoped
public class TurnFailureConsumer {
    public static final String CHANNEL = "turn-failures";
    /** Retries of a transient failure (database, broker) before the event is given up to the dead-letter topic. */
    static final int STORE_RETRIES = 5;
    static final long STORE_RETRY_DELAY_MS = 200;
    private final RunDriver driver;
    private final MeterRegistry registry;

    public TurnFailureConsumer(RunDriver driver, MeterRegistry registry) {
        this.driver = driver;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Retry(maxRetries = STORE_RETRIES, delay = STORE_RETRY_DELAY_MS,
            abortOn = MalformedEventException.class)
    public void consume(String payload) {
        TurnFailure failure;
        try {
            failure = EventCodec.decode(payload, TurnFailure.class);
        } catch (MalformedEventException e) {
            registry.counter(OrchestratorMetrics.DEAD_LETTERS, OrchestratorMetrics.TAG_SERVICE,
                    OrchestratorMetrics.SERVICE, OrchestratorMetrics.TAG_TOPIC, Topics.TURN_FAILURES).increment();
            throw e;
        }
        driver.onTurnFailure(failure);
    }
}
