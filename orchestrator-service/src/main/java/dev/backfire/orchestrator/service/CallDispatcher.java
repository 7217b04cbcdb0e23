package dev.backfire.orchestrator.service;

import dev.backfire.contracts.TurnRequest;
import dev.backfire.orchestrator.admission.AdmissionGate;
import dev.backfire.orchestrator.admission.DispatchQueue;
import dev.backfire.orchestrator.admission.ModelLimits;
import dev.backfire.orchestrator.config.OrchestratorConfig;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes turn requests as admission allows ({@link AdmissionGate}, {@link DispatchQueue}). Every method
 * is synchronized; the run driver calls it under its own lock as well, so the queue changes in the same
 * order as the database.
 *
 * <p>When the broker does not acknowledge a publish (it is restarting, say), the requests go back to the
 * queue and the next drain sends them again; nothing waits for the turn timeout.
 */
@ApplicationScoped
public class CallDispatcher {
    private static final Logger LOG = Logger.getLogger(CallDispatcher.class);

    private final EventPublisher publisher;
    private final MeterRegistry registry;
    private final int bytesPerToken;
    private final Duration republishDelay;
    private final DispatchQueue queue;

    public CallDispatcher(EventPublisher publisher, OrchestratorConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
        OrchestratorConfig.Admission admission = config.admission();
        this.bytesPerToken = admission.bytesPerToken();
        this.republishDelay = admission.drainInterval();
        AdmissionGate gate = new AdmissionGate(admission.maxConcurrentCalls(), model -> {
            OrchestratorConfig.Admission.Model limits = admission.models().get(model);
            return limits == null ? ModelLimits.NONE
                    : new ModelLimits(limits.maxConcurrentCalls(), limits.requestsPerMinute(), limits.tokensPerMinute());
        }, System::nanoTime);
        this.queue = new DispatchQueue(gate, System::nanoTime);
        Gauge.builder(OrchestratorMetrics.CALLS_QUEUED, this, CallDispatcher::queued)
                .description("Turn requests waiting for admission").register(registry);
        Gauge.builder(OrchestratorMetrics.CALLS_IN_FLIGHT, this, CallDispatcher::inFlight)
                .description("Turn requests published and not yet answered").register(registry);
    }

    /** Queues requests to leave after {@code delay} (zero: as soon as admission allows). */
    public synchronized void enqueue(List<TurnPlanner.PlannedRequest> requests, Duration delay) {
        for (TurnPlanner.PlannedRequest planned : requests) {
            queue.enqueue(planned.request(), estimatedTokens(planned), delay.toNanos());
        }
    }

    /** Publishes every queued request the limits admit now; returns how many went out. */
    public synchronized int drain() {
        List<TurnRequest> admitted = queue.drain((model, verdict) -> registry.counter(OrchestratorMetrics.CALLS_HELD,
                OrchestratorMetrics.TAG_MODEL, model, OrchestratorMetrics.TAG_LIMIT, verdict.tag()).increment());
        if (admitted.isEmpty()) {
            return 0;
        }
        try {
            publisher.publish(admitted);
        } catch (RuntimeException e) {
            LOG.warnf("could not publish %d turn requests (%s); they stay queued and go out on a later drain",
                    admitted.size(), e.getMessage());
            for (TurnRequest request : admitted) {
                queue.enqueue(request, queue.estimateOf(request), republishDelay.toNanos());
            }
            return 0;
        }
        return admitted.size();
    }

    /** A reply or a definitive failure arrived for the request with this key; tokens -1 when unknown. */
    public synchronized Optional<DispatchQueue.Entry> settle(String key, long usedTokens) {
        return queue.settle(key, usedTokens);
    }

    /** The run is over: nothing more is owed to it. */
    public synchronized void forgetRun(String runId) {
        queue.forgetRun(runId);
    }

    /** Requests in flight for longer than the timeout. */
    public synchronized List<TurnRequest> overdue(Duration timeout) {
        return queue.overdue(timeout.toNanos());
    }

    /** Whether any request of the run is queued or in flight. */
    public synchronized boolean owes(String runId) {
        return queue.owes(runId);
    }

    public synchronized int queued() {
        return queue.queuedCount();
    }

    public synchronized int inFlight() {
        return queue.inFlightCount();
    }

    /** Input tokens estimated from the prompts' size, plus the output cap. */
    long estimatedTokens(TurnPlanner.PlannedRequest planned) {
        return planned.promptBytes() / bytesPerToken + planned.request().settings().maxTokens();
    }
}
