package dev.backfire.orchestrator.service;

import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.RunStatus;
import dev.backfire.orchestrator.store.StudyEntity;
import dev.backfire.protocol.lock.StudyLock;
import dev.backfire.scorer.LexiconVersions;
import dev.backfire.scorer.TextScorer;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.spec.DesignExpander;
import dev.backfire.protocol.spec.InvalidSpecException;
import dev.backfire.protocol.spec.PlannedRun;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** Accepts studies: validates the spec, expands it and stores the study with all its runs at once. */
@ApplicationScoped
public class StudyService {
    /** The built-in model; its output is labelled synthetic everywhere. */
    public static final String SYNTHETIC_MODEL = "synthetic";
    private static final int ID_SUFFIX_BYTES = 3;

    private final StudySpecParser parser = new StudySpecParser();
    private final SecureRandom ids = new SecureRandom();
    private final RunDriver driver;
    private final ScenarioLibrary scenarios;

    public StudyService(RunDriver driver, ScenarioLibrary scenarios) {
        this.driver = driver;
        this.scenarios = scenarios;
    }

    /**
     * Validates and stores a study, then admits its first runs. Nothing is stored when the spec is invalid.
     *
     * @throws InvalidSpecException naming every problem with line and field
     */
    public StudyEntity submit(byte[] specDocument) throws InvalidSpecException {
        StudySpec spec = parser.parse(specDocument);
        String specText = new String(specDocument, StandardCharsets.UTF_8);
        StudyEntity study = QuarkusTransaction.requiringNew().call(() -> store(spec, specText));
        driver.admit();
        return study;
    }

    private StudyEntity store(StudySpec spec, String specText) {
        byte[] suffix = new byte[ID_SUFFIX_BYTES];
        ids.nextBytes(suffix);
        StudyEntity study = new StudyEntity();
        study.id = spec.name() + "-" + HexFormat.of().formatHex(suffix);
        study.name = spec.name();
        study.description = spec.description();
        study.specText = specText;
        study.languages = String.join(",", spec.languages());
        study.pdiOverridesJson = StudyContexts.pdiJson(spec.pdi());
        study.model = spec.model().name();
        study.temperature = spec.model().temperature();
        study.maxTokens = spec.model().maxTokens();
        study.alignmentLevel = spec.alignmentLevel();
        study.agents = spec.agents();
        study.turns = spec.turns();
        study.runCount = spec.runCount();
        study.maxConcurrentRuns = spec.maxConcurrentRuns();
        study.synthetic = SYNTHETIC_MODEL.equals(spec.model().name());
        StudyLock.Manifest lock = StudyLock.take(specText, spec, scenarios, TextScorer.SCORER_VERSION,
                LexiconVersions.bundled(spec.languages()));
        study.lockHash = lock.lockHash();
        study.lockManifestJson = StudyContexts.json(lock);
        study.modelSlotsJson = StudyContexts.json(spec.model().slots());
        study.syntheticParametersJson = spec.model().synthetic().isEmpty() ? null
                : StudyContexts.json(spec.model().synthetic());
        study.censorshipMode = spec.censorship().mode().name();
        study.censoredAgent = spec.censorship().agent();
        study.transcriptTurns = spec.context().transcriptTurns();
        study.ownMonologue = spec.context().ownMonologue();
        study.maxTotalTokens = spec.maxTotalTokens();
        study.maxCostUsd = spec.maxCostUsd().doubleValue();
        study.turnOrder = spec.turnOrder().name();
        study.createdAt = Instant.now();
        study.persist();
        List<PlannedRun> planned = DesignExpander.expand(spec, study.id);
        for (int i = 0; i < planned.size(); i++) {
            PlannedRun p = planned.get(i);
            RunEntity run = new RunEntity();
            run.id = p.runId();
            run.studyId = study.id;
            run.ordinal = i;
            run.language = p.language();
            run.alignmentRatio = p.alignmentRatio();
            run.replicate = p.replicate();
            run.seed = p.seed();
            run.alignedAgents = p.alignedAgents().stream().map(String::valueOf).collect(Collectors.joining(","));
            run.individuatedAgents = p.individuatedAgents().stream().map(String::valueOf)
                    .collect(Collectors.joining(","));
            run.status = RunStatus.PENDING;
            run.persist();
        }
        return study;
    }
}
