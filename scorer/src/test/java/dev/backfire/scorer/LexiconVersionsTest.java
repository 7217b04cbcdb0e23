package dev.backfire.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The light reading of lexicon versions agrees with the scorer that loads the lexicons whole. */
class LexiconVersionsTest {
    private static final List<String> LANGUAGES = List.of("en", "ja", "zh", "ko", "ar", "hi", "th", "vi", "fi", "de",
            "fr", "es", "ru", "pt", "id", "tr");

    @Test
    void readsTheVersionEveryBundledLexiconDeclares() {
        TextScorer scorer = TextScorer.loadBundled();
        Map<String, String> versions = LexiconVersions.bundled(LANGUAGES);
        assertEquals(LANGUAGES, List.copyOf(versions.keySet()));
        for (String language : LANGUAGES) {
            assertEquals(scorer.lexiconVersion(language), versions.get(language), language);
        }
    }

    @Test
    void namesALanguageWithoutALexicon() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LexiconVersions.bundled(List.of("en", "xx")));
        assertTrue(e.getMessage().contains("'xx'"), e.getMessage());
    }
}
