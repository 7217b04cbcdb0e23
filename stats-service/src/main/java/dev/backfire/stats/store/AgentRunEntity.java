package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One agent's totals over one run (ANALYSIS.md section 2), summed as scores arrive. */
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

    public static String idOf(String runId, int agentId) {
        return runId + "/a" + agentId;
    }
}
