package dev.backfire.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * One agent's reply, as stored in the transcript. The id is the message's event id, one per
 * (run, turn, agent), which makes storing a duplicate impossible.
 */
@Entity
@Table(name = "message", indexes = @Index(name = "message_run_turn", columnList = "runId,turn"))
public class MessageEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String runId;

    public int turn;

    public int agentId;

    public boolean aligned;

    @Column(nullable = false, columnDefinition = "text")
    public String talk;

    @Column(nullable = false, columnDefinition = "text")
    public String monologue;

    public String model;

    public String modelFingerprint;

    public boolean synthetic;

    public boolean parseFailed;

    /** The reply was not in the run's language (see AgentMessage#languageMismatch). */
    public boolean languageMismatch;

    public int inputTokens;

    public int outputTokens;

    public long latencyMs;

    public int retries;

    /** Estimated cost in US dollars, from the agent's price table. */
    public double costUsd;

    public String promptHash;

    /**
     * The synthetic model's intended hits (category to count, its ground truth of what it meant to say) as a
     * JSON object; null for a reply of a real model.
     */
    @Column(columnDefinition = "text")
    public String intendedHitsJson;

    public Instant receivedAt;

    public static List<MessageEntity> ofTurn(String runId, int turn) {
        return list("runId = ?1 and turn = ?2 order by agentId", runId, turn);
    }

    /** Replies of turns {@code from..to} (inclusive), in turn and agent order. */
    public static List<MessageEntity> ofTurns(String runId, int from, int to) {
        return list("runId = ?1 and turn >= ?2 and turn <= ?3 order by turn, agentId", runId, from, to);
    }

    public static List<MessageEntity> ofRun(String runId) {
        return list("runId = ?1 order by turn, agentId", runId);
    }
}
