package dev.backfire.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A run event written in the same transaction as the state change it announces, and deleted once the
 * broker has acknowledged it. A crash or a broker outage between the two leaves the row, which the next
 * tick (or the next start) publishes again, so no run's completion is ever lost; consumers drop the
 * duplicate by its event id.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {
    /** The event's id. */
    @Id
    public String id;

    /** The encoded event. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false)
    public Instant createdAt;

    /** Rows written before {@code cutoff}, oldest first. */
    public static List<OutboxEntity> writtenBefore(Instant cutoff) {
        return list("createdAt < ?1 order by createdAt", cutoff);
    }
}
