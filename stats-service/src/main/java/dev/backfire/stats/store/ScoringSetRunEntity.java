package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A run as a re-scoring set knows it: how many of its messages the set has scored, and whether the run has
 * entered the set's statistics. Completion (and the number of messages expected) is the run's, in
 * {@link RunStateEntity}; a run enters a set once it completed and the set scored all its messages.
 */
@Entity
@Table(name = "scoring_set_run", indexes = @Index(name = "scoring_set_run_run", columnList = "runId"))
public class ScoringSetRunEntity extends PanacheEntityBase {
    /** {@code <run>|<set>}. */
    @Id
    public String id;

    @Column(nullable = false)
    public String studyId;

    @Column(nullable = false)
    public String runId;

    @Column(nullable = false)
    public String scoringSet;

    public int scoredMessages;

    /** Set once, when the run entered the set's statistics. */
    public boolean included;

    public static String idOf(String runId, String scoringSet) {
        return runId + "|" + scoringSet;
    }

    /** Whether the run can now enter the set's statistics, given what is known of the run. */
    public boolean readyToInclude(RunStateEntity run) {
        return run != null && run.completed && !included && run.expectedMessages > 0
                && scoredMessages >= run.expectedMessages;
    }
}
