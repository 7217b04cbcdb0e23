package dev.backfire.protocol.lock;

import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.spec.StudySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The preregistration lock of a study: one SHA-256 over everything that fixes what the study will do and
 * how it will be analysed, taken at submission. The spec as written, every prompt text of the study's
 * languages (the scenario's template version and texts), and the analysis plan version. Results and
 * exports carry the lock, so a reader can tell whether two result files come from the same protocol.
 */
public final class StudyLock {
    /** Version of the default analysis plan (ANALYSIS.md) the stats service implements. */
    public static final String ANALYSIS_PLAN = "analysis-plan-1";
    private static final char SEPARATOR = '\u0000';

    private StudyLock() {
    }

    /** The lock of a study, as lower-case hex. */
    public static String compute(String specText, StudySpec spec, ScenarioLibrary scenarios) {
        StringBuilder material = new StringBuilder();
        material.append(ANALYSIS_PLAN).append(SEPARATOR);
        material.append(specText).append(SEPARATOR);
        material.append(scenarios.templateVersion()).append(SEPARATOR);
        for (String language : spec.languages()) {
            material.append(language).append(SEPARATOR).append(scenarios.scenario(language)).append(SEPARATOR);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(material.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
