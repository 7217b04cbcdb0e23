package dev.backfire.protocol.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import org.junit.jupiter.api.Test;

class StudyLockTest {
    private static final ScenarioLibrary SCENARIOS = ScenarioLibrary.loadBundled();
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: lock
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            """;

    private static String lock(String text) throws Exception {
        StudySpec spec = new StudySpecParser().parse(text);
        return StudyLock.compute(text, spec, SCENARIOS);
    }

    @Test
    void isStableAndChangesWithTheSpecOrItsLanguages() throws Exception {
        String lock = lock(SPEC);
        assertEquals(64, lock.length());
        assertEquals(lock, lock(SPEC));
        assertNotEquals(lock, lock(SPEC + "seed: 1\n"));
        assertNotEquals(lock, lock(SPEC.replace("[en, ja]", "[en, zh]")));
    }
}
