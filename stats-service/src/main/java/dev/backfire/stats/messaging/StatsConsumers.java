package dev.backfire.stats.messaging;

import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.Topics;
import dev.backfire.stats.metrics.StatsMetrics;
import dev.backfire.stats.service.StatsIngest;
import dev.backfire.stats.service.StudyRecompute;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Scores and run events into the stats store. Blocking: each event is a PostgreSQL transaction, and the
 * offset is committed after it. A run that becomes complete triggers one recomputation of its study
 * (per run, never per message). Unreadable events go to the dead-letter topic; any other failure (a
 * database hiccup) is retried, because sending a valid score to the dead-letter topic would lose it.
 *
 * <p>The two channels are consumed on different threads but touch the same rows (a run's state is
 * created by whichever of its score or its completion arrives first), so ingestion is serialized here,
 * outside the transaction, so that each transaction sees the one committed before it.
 */
@ApplicationScoped
public class StatsConsumers {
    public static final String SCORES = "message-scores";
    public static final String RUN_EVENTS = "run-events";
    /** Retries of a transient ingestion failure before the event is given up to the dead-letter topic. */
    static final int INGEST_RETRIES = 5;
    static final long INGEST_RETRY_DELAY_MS = 200;

    private final Object ingestion = new Object();
    private final StatsIngest ingest;
    private final StudyRecompute recompute;
    private final MeterRegistry registry;

    public StatsConsumers(StatsIngest ingest, StudyRecompute recompute, MeterRegistry registry) {
        this.ingest = ingest;
        this.recompute = recompute;
        this.registry = registry;
    }

    @Incoming(SCORES)
    @Blocking
    @Retry(maxRetries = INGEST_RETRIES, delay = INGEST_RETRY_DELAY_MS, abortOn = MalformedEventException.class)
    public void onScore(String payload) {
        MessageScore score = decode(payload, MessageScore.class, Topics.MESSAGE_SCORES);
        java.util.List<dev.backfire.stats.service.Recompute> complete;
        synchronized (ingestion) {
            complete = ingest.onScore(score);
        }
        complete.forEach(recompute::recompute);
    }

    @Incoming(RUN_EVENTS)
    @Blocking
    @Retry(maxRetries = INGEST_RETRIES, delay = INGEST_RETRY_DELAY_MS, abortOn = MalformedEventException.class)
    public void onRunEvent(String payload) {
        RunEvent event = decode(payload, RunEvent.class, Topics.RUN_EVENTS);
        java.util.List<dev.backfire.stats.service.Recompute> complete;
        synchronized (ingestion) {
            complete = ingest.onRunEvent(event);
        }
        complete.forEach(recompute::recompute);
    }

    private <T extends dev.backfire.contracts.Event> T decode(String payload, Class<T> type, String topic) {
        try {
            return EventCodec.decode(payload, type);
        } catch (MalformedEventException e) {
            registry.counter(StatsMetrics.DEAD_LETTERS, StatsMetrics.TAG_SERVICE, StatsMetrics.SERVICE,
                    StatsMetrics.TAG_TOPIC, topic).increment();
            throw e;
        }
    }
}
