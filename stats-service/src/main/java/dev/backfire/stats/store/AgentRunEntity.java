package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One agent's totals over one run (ANALYSIS.md section 2) in one scoring set, summed as scores arrive. The
 * live set's rows keep the id {@code <run>/a<agent>}; a re-scoring set's rows add {@code /<set>}, so sets
 * never mix.
 */
@Entity
@Table(name = "agent_run", indexes = {@Index(name = "agent_run_study", columnList = "studyId"),
        @Index(name = "agent_run_run", columnList = "runId")})
public class AgentRunEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String studyId;

    @Column(nullable = false)
    public String runId;

    @Column(nullable = false)
    public String language;

    public double alignmentRatio;
    public int replicate;
    public int agentId;
    public boolean aligned;
    public long talkWords;
    public long monologueWords;
    public long protectiveHits;
    public long harmonyHits;
    public long sexualHits;
    public long conformityHits;
    public long individuationHits;
    public int messages;

    /** The scoring set the totals belong to; null in rows written before sets existed (the live set). */
    public String scoringSet;

    /** The id of the live set's row. */
    public static String idOf(String runId, int agentId) {
        return runId + "/a" + agentId;
    }

    /** The id of a row of a re-scoring set. */
    public static String idOf(String runId, int agentId, String scoringSet) {
        return idOf(runId, agentId) + "/" + scoringSet;
    }
}
