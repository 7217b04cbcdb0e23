package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.DynamicUpdate;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A study as the stats service knows it, with its latest results. */
@Entity
// Only changed columns are written: the recomputation (results) and the ingestion (counters) update the
// same row from different threads, and a full-row update by one would undo the other's change.
@DynamicUpdate
@Table(name = "study_state")
public class StudyStateEntity extends PanacheEntityBase {
    @Id
    public String studyId;

    public String name;

    /** Languages in spec order, comma-separated. */
    public String languages;

    public int totalRuns;

    @Column(columnDefinition = "text")
    public String pdiOverridesJson;

    public boolean synthetic;

    /** The study's preregistration lock, stamped on results and exports. */
    public String lockHash;

    public int includedRuns;

    public int failedRuns;

    /** Results JSON of the included runs (ANALYSIS.md); null before the first run is included. */
    @Column(columnDefinition = "text")
    public String resultsJson;

    public String scorerVersion;

    public String lexiconVersions;

    public Instant updatedAt;

    public List<String> languageList() {
        return languages == null || languages.isEmpty() ? List.of() : List.of(languages.split(","));
    }
}
