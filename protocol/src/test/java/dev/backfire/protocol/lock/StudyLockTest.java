package dev.backfire.protocol.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyLockTest {
    private static final ScenarioLibrary SCENARIOS = ScenarioLibrary.loadBundled();
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: lock
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            """;
    private static final Map<String, String> LEXICONS = Map.of("en", "en-1", "ja", "ja-1", "zh", "zh-1");

    private static StudyLock.Manifest lock(String text, String scorer, Map<String, String> lexicons) throws Exception {
        StudySpec spec = new StudySpecParser().parse(text);
        return StudyLock.take(text, spec, SCENARIOS, scorer, lexicons);
    }

    private static String lock(String text) throws Exception {
        return lock(text, "scorer-1", LEXICONS).lockHash();
    }

    @Test
    void isStableAndChangesWithTheSpecOrItsLanguages() throws Exception {
        String lock = lock(SPEC);
        assertEquals(64, lock.length());
        assertEquals(lock, lock(SPEC));
        assertNotEquals(lock, lock(SPEC + "seed: 1\n"));
        assertNotEquals(lock, lock(SPEC.replace("[en, ja]", "[en, zh]")));
    }

    @Test
    void coversTheScorerAndTheLexiconOfEachLanguage() throws Exception {
        String lock = lock(SPEC);
        assertNotEquals(lock, lock(SPEC, "scorer-2", LEXICONS).lockHash());
        assertNotEquals(lock, lock(SPEC, "scorer-1", Map.of("en", "en-1", "ja", "ja-2")).lockHash());
        assertEquals(lock, lock(SPEC, "scorer-1", Map.of("en", "en-1", "ja", "ja-1", "ko", "ko-9")).lockHash(),
                "a lexicon of a language the study does not use changes nothing");
        StudyLock.Manifest manifest = lock(SPEC, "scorer-1", LEXICONS);
        assertEquals(Map.of("en", "en-1", "ja", "ja-1"), manifest.lexiconVersions());
        assertEquals(StudyLock.ANALYSIS_PLAN, manifest.analysisPlan());
        assertEquals(SCENARIOS.templateVersion(), manifest.templateVersion());
        assertEquals(64, manifest.specSha256().length());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> lock(SPEC, "scorer-1", Map.of("en", "en-1")));
        assertEquals("no lexicon version for language 'ja'", missing.getMessage());
    }
}
