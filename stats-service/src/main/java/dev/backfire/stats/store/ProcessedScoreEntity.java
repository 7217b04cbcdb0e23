package dev.backfire.stats.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The id of every score already counted; a redelivered score finds its id here and changes nothing. */
@Entity
@Table(name = "processed_score")
public class ProcessedScoreEntity extends PanacheEntityBase {
    @Id
    public String id;

    public String runId;
}
