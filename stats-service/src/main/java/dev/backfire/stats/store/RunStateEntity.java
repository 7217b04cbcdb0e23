package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * What the stats service knows of a run. A run enters the statistics once, when the orchestrator said it
 * completed and every one of its messages has been scored, whichever of the two arrives last.
 */
@Entity
@Table(name = "run_state", indexes = @Index(name = "run_state_study", columnList = "studyId"))
public class RunStateEntity extends PanacheEntityBase {
    @Id
    public String runId;

    @Column(nullable = false)
    public String studyId;

    public String language;
    public double alignmentRatio;
    public int replicate;
    public int scoredMessages;
    /** Messages of the complete run; known once the completion event arrived, 0 before. */
    public int expectedMessages;
    public boolean completed;
    public boolean failed;
    /** Set once, when the run entered the statistics. */
    public boolean included;

    public boolean readyToInclude() {
        return completed && !included && expectedMessages > 0 && scoredMessages >= expectedMessages;
    }
}
