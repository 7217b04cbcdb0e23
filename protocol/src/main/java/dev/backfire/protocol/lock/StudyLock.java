package dev.backfire.protocol.lock;

import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.spec.StudySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.HexFormat;

/**
 * The preregistration lock of a study: one SHA-256 over everything that fixes what the study will do and
 * how it will be analysed and scored, taken at submission. The spec as written, every prompt text of the
 * study's languages (the scenario's template version and texts), the scorer's version and the version of
 * each language's lexicon, and the analysis plan version. Results and exports carry the lock, so a reader
 * can tell whether two result files come from the same protocol; {@link Manifest} says what went into it.
 */
public final class StudyLock {
    /** Version of the default analysis plan (ANALYSIS.md) the stats service implements. */
    public static final String ANALYSIS_PLAN = "analysis-plan-1";
    private static final char SEPARATOR = '\u0000';

    private StudyLock() {
    }

    /**
     * What a lock covers, readable: the hash and the versions it fixes.
     *
     * @param lockHash        the lock, lower-case hex SHA-256
     * @param analysisPlan    {@link #ANALYSIS_PLAN}
     * @param templateVersion the scenario's template version (every prompt text of the languages is hashed)
     * @param scorerVersion   the scorer that will score the messages
     * @param lexiconVersions the lexicon version of each of the study's languages, in study order
     * @param specSha256      SHA-256 of the spec as written
     */
    public record Manifest(String lockHash, String analysisPlan, String templateVersion, String scorerVersion,
                           Map<String, String> lexiconVersions, String specSha256) {
    }

    /**
     * Takes the lock of a study.
     *
     * @param lexiconVersions lexicon version per language; every language of the spec must have one
     * @throws IllegalArgumentException when a language of the spec has no lexicon version
     */
    public static Manifest take(String specText, StudySpec spec, ScenarioLibrary scenarios, String scorerVersion,
                                Map<String, String> lexiconVersions) {
        Objects.requireNonNull(scorerVersion, "scorerVersion");
        Map<String, String> lexicons = new LinkedHashMap<>();
        StringBuilder material = new StringBuilder();
        material.append(ANALYSIS_PLAN).append(SEPARATOR);
        material.append(specText).append(SEPARATOR);
        material.append(scenarios.templateVersion()).append(SEPARATOR);
        material.append(scorerVersion).append(SEPARATOR);
        for (String language : spec.languages()) {
            String lexicon = lexiconVersions.get(language);
            if (lexicon == null) {
                throw new IllegalArgumentException("no lexicon version for language '" + language + "'");
            }
            lexicons.put(language, lexicon);
            material.append(language).append(SEPARATOR).append(scenarios.scenario(language)).append(SEPARATOR)
                    .append(lexicon).append(SEPARATOR);
        }
        return new Manifest(sha256(material.toString()), ANALYSIS_PLAN, scenarios.templateVersion(), scorerVersion,
                Map.copyOf(lexicons), sha256(specText));
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
