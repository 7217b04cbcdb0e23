package dev.backfire.stats.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A study's lexicon versions do not depend on which language's scores arrived first. */
class LexiconVersionsTest {
    @Test
    void versionsAreKeptSortedAndOnce() {
        String jaFirst = StatsIngest.mergeVersion(StatsIngest.mergeVersion(null, "ja-1.0.0"), "en-1.0.0");
        String enFirst = StatsIngest.mergeVersion(StatsIngest.mergeVersion("", "en-1.0.0"), "ja-1.0.0");
        assertEquals("en-1.0.0,ja-1.0.0", jaFirst);
        assertEquals(jaFirst, enFirst);
        assertEquals(jaFirst, StatsIngest.mergeVersion(jaFirst, "ja-1.0.0"));
    }
}
