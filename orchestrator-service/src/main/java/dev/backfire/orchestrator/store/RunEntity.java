package dev.backfire.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One run of a study and how far it got. */
@Entity
@Table(name = "run", indexes = {
        @Index(name = "run_study_status", columnList = "studyId,status"),
        @Index(name = "run_status", columnList = "status")})
public class RunEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String studyId;

    /** Position in the design, so runs are admitted in design order. */
    public int ordinal;

    @Column(nullable = false)
    public String language;

    public double alignmentRatio;

    public int replicate;

    public long seed;

    /** Aligned agent slots, comma-separated. */
    @Column(nullable = false)
    public String alignedAgents;

    /** Individuated agent slots, comma-separated. */
    @Column(nullable = false)
    public String individuatedAgents = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RunStatus status;

    /** The turn being collected; 0 before the run starts. */
    public int currentTurn;

    /** Replies stored for the current turn. */
    public int currentTurnReplies;

    /** Replies stored over the whole run. */
    public int messagesStored;

    /** How often the current turn was re-issued after a stall. */
    public int turnAttempt;

    public Instant startedAt;

    public Instant turnIssuedAt;

    public Instant finishedAt;

    @Column(columnDefinition = "text")
    public String failureReason;

    public boolean isAligned(int agentId) {
        return alignedList().contains(agentId);
    }

    public List<Integer> alignedList() {
        return slots(alignedAgents);
    }

    public List<Integer> individuatedList() {
        return slots(individuatedAgents);
    }

    private static List<Integer> slots(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Integer::valueOf).toList();
    }
}
