package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A re-scoring set of a study (scores published under a scoring set other than the live one, e.g. by the
 * scoring service's {@code POST /studies/{id}/rescore}) and its results, kept beside the live results and
 * never mixed with them.
 */
@Entity
// Only changed columns are written: the recomputation (results) and the ingestion (counters) update the
// same row from different threads, and a full-row update by one would undo the other's change.
@DynamicUpdate
@Table(name = "scoring_set", indexes = @Index(name = "scoring_set_study", columnList = "studyId"))
public class ScoringSetEntity extends PanacheEntityBase {
    /** {@code <study>|<set>}. */
    @Id
    public String id;

    @Column(nullable = false)
    public String studyId;

    @Column(nullable = false)
    public String scoringSet;

    public int includedRuns;

    /** Results JSON of the set's included runs (ANALYSIS.md); null before the first run is included. */
    @Column(columnDefinition = "text")
    public String resultsJson;

    public String scorerVersion;

    public String lexiconVersions;

    public Instant updatedAt;

    public static String idOf(String studyId, String scoringSet) {
        return studyId + "|" + scoringSet;
    }
}
