package dev.backfire.orchestrator.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A submitted study: its spec as written and what it expanded into. Not a contract: never sent on Kafka. */
@Entity
@Table(name = "study")
public class StudyEntity extends PanacheEntityBase {
    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(columnDefinition = "text")
    public String description;

    /** The spec exactly as submitted. */
    @Column(nullable = false, columnDefinition = "text")
    public String specText;

    /** Languages in spec order, comma-separated. */
    @Column(nullable = false)
    public String languages;

    /** Power Distance Index overrides as JSON. */
    @Column(columnDefinition = "text")
    public String pdiOverridesJson;

    @Column(nullable = false)
    public String model;

    public double temperature;

    public int maxTokens;

    public String alignmentLevel;

    public int agents;

    public int turns;

    public int runCount;

    public int maxConcurrentRuns;

    public boolean synthetic;

    /** Model names per agent slot overriding {@link #model}, as JSON. */
    @Column(columnDefinition = "text")
    public String modelSlotsJson;

    /**
     * The synthetic model's parameters the spec sets ({@code model.synthetic}) as a JSON object of name to
     * number, sent with every call to the synthetic model; null when the spec sets none.
     */
    @Column(columnDefinition = "text")
    public String syntheticParametersJson;

    /** StudySpec.CensorshipMode: NONE, VISIBLE_NOTICE, SILENT_DROP or WITHDRAWING_PERSONA. */
    public String censorshipMode;

    /** StudySpec.TurnOrder: SIMULTANEOUS (every agent answers a turn at once) or SEQUENTIAL. */
    public String turnOrder = "SIMULTANEOUS";

    public int censoredAgent;

    /** Previous turns of public talk a prompt shows. */
    public int transcriptTurns;

    /** Whether a prompt shows the agent its own previous monologue. */
    public boolean ownMonologue;

    /** Token budget of the study; 0 for none. */
    public long maxTotalTokens;

    /** Money budget of the study in US dollars; 0 for none. */
    public double maxCostUsd;

    /** What the lock covers, as JSON (StudyLock.Manifest): the versions it fixes. */
    @Column(columnDefinition = "text")
    public String lockManifestJson;

    /** The preregistration lock taken at submission (dev.backfire.protocol.lock.StudyLock). */
    @Column(nullable = false)
    public String lockHash;

    @Column(nullable = false)
    public Instant createdAt;

    public static List<StudyEntity> newestFirst() {
        return list("order by createdAt desc");
    }

    /** Whether agents answer one after another within a turn (in the run's seeded speaking order). */
    public boolean sequential() {
        return "SEQUENTIAL".equals(turnOrder);
    }

    public List<String> languageList() {
        return List.of(languages.split(","));
    }
}
