package dev.backfire.orchestrator.service;

import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.RunEvent;
import dev.backfire.orchestrator.store.OutboxEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Run events go through a transactional outbox ({@link OutboxEntity}): {@link #add} inside the
 * transaction that changes the run, {@link #deliver} after it commits. Turn requests do not need one: a
 * lost request is planned again from the stored state.
 */
@ApplicationScoped
public class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private final EventPublisher publisher;

    public Outbox(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Stores the event with the caller's transaction. */
    public void add(RunEvent event) {
        OutboxEntity row = new OutboxEntity();
        row.id = event.eventId();
        row.payload = EventCodec.encode(event);
        row.createdAt = Instant.now();
        row.persist();
    }

    /** Publishes events stored by a committed transaction and clears their rows; a failure leaves the rows. */
    public void deliver(List<RunEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            publisher.publish(events);
        } catch (RuntimeException e) {
            LOG.warnf("could not publish %d run events (%s); they stay in the outbox and go out on a later tick",
                    events.size(), e.getMessage());
            return;
        }
        List<String> ids = events.stream().map(RunEvent::eventId).toList();
        QuarkusTransaction.requiringNew().run(() -> OutboxEntity.delete("id in ?1", ids));
    }

    /** Publishes rows older than {@code age} that an interrupted delivery left behind. */
    public void redeliver(Duration age) {
        List<RunEvent> left = QuarkusTransaction.requiringNew().call(() ->
                OutboxEntity.writtenBefore(Instant.now().minus(age)).stream()
                        .map(row -> EventCodec.decode(row.payload, RunEvent.class)).toList());
        if (!left.isEmpty()) {
            LOG.infof("publishing %d run events left in the outbox", left.size());
            deliver(left);
        }
    }
}
