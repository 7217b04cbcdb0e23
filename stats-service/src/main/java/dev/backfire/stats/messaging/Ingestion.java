package dev.backfire.stats.messaging;

import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunEvent;
import dev.backfire.stats.service.Recompute;
import dev.backfire.stats.service.StatsIngest;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Stores what the consumers read, one transaction at a time, retrying a transient database failure. The
 * retry budget is long (minutes, with backoff), because the alternative for a valid score is losing it:
 * only when the database stays away that long does the exception reach the consumer, whose channel then
 * stops uncommitted (the pod turns unhealthy and is restarted, and the batch is read again).
 *
 * <p>The two channels are consumed on different threads but touch the same rows (a run's state is
 * created by whichever of its score or its completion arrives first), so storing is serialized here,
 * outside the transaction, and each transaction sees the one committed before it. The retry sits here,
 * outside the transaction too, so each attempt is a fresh transaction. Its timing can be changed with
 * {@code quarkus.fault-tolerance."dev.backfire.stats.messaging.Ingestion/scores".retry.*}.
 */
@ApplicationScoped
public class Ingestion {
    static final int MAX_RETRIES = 60;
    static final long INITIAL_DELAY_MS = 200;
    static final long MAX_DURATION_MINUTES = 5;
    static final long JITTER_MS = 100;

    private final Object lock = new Object();
    private final StatsIngest ingest;

    public Ingestion(StatsIngest ingest) {
        this.ingest = ingest;
    }

    /** Counts a batch of scores (each once); returns what to recompute. */
    @Retry(maxRetries = MAX_RETRIES, delay = INITIAL_DELAY_MS, maxDuration = MAX_DURATION_MINUTES,
            durationUnit = ChronoUnit.MINUTES, jitter = JITTER_MS)
    public List<Recompute> scores(List<MessageScore> scores) {
        synchronized (lock) {
            return ingest.onScores(scores);
        }
    }

    /** Records a run event (once); returns what to recompute. */
    @Retry(maxRetries = MAX_RETRIES, delay = INITIAL_DELAY_MS, maxDuration = MAX_DURATION_MINUTES,
            durationUnit = ChronoUnit.MINUTES, jitter = JITTER_MS)
    public List<Recompute> runEvent(RunEvent event) {
        synchronized (lock) {
            return ingest.onRunEvent(event);
        }
    }
}
