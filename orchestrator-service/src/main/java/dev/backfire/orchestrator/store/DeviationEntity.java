package dev.backfire.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One departure of a study from its preregistered plan (a retried call, a re-issued turn, a dropped run,
 * an unparsable or wrong-language reply, a spent budget), logged against the lock the study was
 * submitted under so that a reader of the results can see what happened.
 */
@Entity
@Table(name = "deviation", indexes = @Index(name = "deviation_study", columnList = "studyId"))
public class DeviationEntity extends PanacheEntity {
    @Column(nullable = false)
    public String studyId;

    /** The preregistration lock of the study. */
    @Column(nullable = false)
    public String lockHash;

    /** The run, or null for a study-wide deviation. */
    public String runId;

    /** 0 when not tied to a turn. */
    public int turn;

    /** -1 when not tied to an agent. */
    public int agentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeviationKind kind;

    @Column(nullable = false, columnDefinition = "text")
    public String detail;

    @Column(nullable = false)
    public Instant at;
}
