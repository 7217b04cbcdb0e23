package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One scored agent message, kept as the scoring service reported it so that the console's transcript
 * viewer can show each message's counts beside its text. Written once per score event id, in the same
 * transaction that counts the score into {@link AgentRunEntity}; the hits are the per-category counts of
 * one channel as JSON ({@code {"protective": 2, "protective.harmony": 1, ...}}).
 */
@Entity
@Table(name = "message_score", indexes = @Index(name = "message_score_run", columnList = "runId"))
public class MessageScoreEntity extends PanacheEntityBase {
    /** The score's event id (the idempotency key of {@link ProcessedScoreEntity}). */
    @Id
    public String id;

    @Column(nullable = false)
    public String studyId;

    @Column(nullable = false)
    public String runId;

    @Column(nullable = false)
    public String language;

    public String scoringSet;
    public int turn;
    public int agentId;
    public boolean aligned;
    public boolean synthetic;
    public int talkWords;
    public int monologueWords;

    @Column(columnDefinition = "text")
    public String talkHitsJson;

    @Column(columnDefinition = "text")
    public String monologueHitsJson;

    public double monoRatio;
    public double provisionalCpi;
    public double provisionalDi;
    public String scorerVersion;
    public String lexiconVersion;
}
