package dev.backfire.scorer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextScorerTest {
    private static final TextScorer BUNDLED = TextScorer.loadBundled();

    @TempDir
    Path dir;

    @Test
    void bundledLexiconsAreEnglishAndJapaneseWithTheirVersions() {
        assertTrue(BUNDLED.languages().containsAll(Set.of("en", "ja")), BUNDLED.languages().toString());
        assertEquals("en-1.0.0", BUNDLED.lexiconVersion("en"));
        assertEquals("ja-1.0.0", BUNDLED.lexiconVersion("ja"));
        assertTrue(TextScorer.SCORER_VERSION.contains("lucene-9.12.2"), TextScorer.SCORER_VERSION);
    }

    @Test
    void japaneseIsSegmentedIntoWordsNotSplitOnSpaces() {
        // Kuromoji (IPADIC): 私 / は / 反対 / です; the full stop is punctuation and not a word.
        assertEquals(4, BUNDLED.score("ja", "私は反対です。").words());
        // みんな / で / 守ろ / う: the volitional う is its own auxiliary-verb morpheme.
        assertEquals(4, BUNDLED.score("ja", "みんなで守ろう。").words());
        // 和 / を / 保っ / て / 話し合い / ましょ / う; the comma is dropped.
        assertEquals(7, BUNDLED.score("ja", "和を保って、話し合いましょう。").words());
        // 外 / は / 氷点下 / 十 / 五 / 度 / です: numerals are split digit by digit.
        assertEquals(7, BUNDLED.score("ja", "外は氷点下十五度です。").words());
        // Quotes, exclamation marks and symbols are not words: はい / と / 言い / まし / た.
        assertEquals(5, BUNDLED.score("ja", "「はい」と言いました！★").words());
    }

    @Test
    void englishWordsExcludePunctuationSymbolsAndEmoji() {
        assertEquals(2, BUNDLED.score("en", "Hello, world!!! :) ★ 😀").words());
        assertEquals(0, BUNDLED.score("en", "").words());
        assertEquals(0, BUNDLED.score("en", null).words());
    }

    @Test
    void englishInflectionsMatchTheTermsTheyAreFormsOf() throws IOException {
        TextScorer scorer = TextScorer.load(lexicon("en", "english", """
                  protective.individual:
                    - refusing
                  conformity:
                    - obey the rules
                """));
        assertEquals(3, scorer.score("en", "They keep refusing; she refused; he refuses.")
                .hitsOf("protective.individual"));
        assertEquals(1, scorer.score("en", "We obeyed the rule.").hitsOf("conformity"));
        // Typographic and ASCII apostrophes are the same word.
        assertEquals(1, BUNDLED.score("en", "I can’t accept this.").hitsOf("protective.individual"));
        assertEquals(1, BUNDLED.score("en", "I can't accept this.").hitsOf("protective.individual"));
    }

    @Test
    void japaneseWidthVariantsMatchAndCountAlike() {
        TextScore halfWidth = BUNDLED.score("ja", "ﾉｰと言います。");
        TextScore fullWidth = BUNDLED.score("ja", "ノーと言います。");
        assertEquals(1, halfWidth.hitsOf("protective.individual"));
        assertEquals(fullWidth, halfWidth);
        assertEquals(BUNDLED.score("ja", "今日は、ABC社の会議です。").words(),
                BUNDLED.score("ja", "今日は、ＡＢＣ社の会議です。").words());
    }

    @Test
    void fullWidthLatinIsFoldedAndLowercased() throws IOException {
        TextScorer scorer = TextScorer.load(lexicon("ja", "kuromoji", """
                  protective.individual:
                    - NOと言います
                """));
        assertEquals(1, scorer.score("ja", "ＮＯと言います。").hitsOf("protective.individual"));
        assertEquals(1, scorer.score("ja", "noと言います。").hitsOf("protective.individual"));
    }

    @Test
    void multiWordTermsMatchConsecutiveWordsWithinOneSentence() {
        assertEquals(1, BUNDLED.score("en", "We must obey the rules.").hitsOf("conformity"));
        assertEquals(0, BUNDLED.score("en", "We obey, but must we?").hitsOf("conformity"));
        // The same words across a sentence break are two utterances, not the term.
        assertEquals(0, BUNDLED.score("en", "We must. Obey them and...").hitsOf("conformity"));
        assertEquals(1, BUNDLED.score("ja", "みんなで守ろう。").hitsOf("protective.harmony"));
        assertEquals(0, BUNDLED.score("ja", "みんなで。守ろう。").hitsOf("protective.harmony"));
    }

    @Test
    void overlappingTermsAreCountedOnceLongestFirst() throws IOException {
        TextScorer scorer = TextScorer.load(lexicon("en", "english", """
                  protective.individual:
                    - I refuse
                    - I refuse to comply
                  conformity:
                    - comply
                    - to comply
                  individuation:
                    - look out
                    - out for each other
                """));
        TextScore refusal = scorer.score("en", "I refuse to comply.");
        assertEquals(1, refusal.hitsOf("protective.individual"));
        assertEquals(0, refusal.hitsOf("conformity"));
        // Leftmost first: "look out" takes "out", so "out for each other" cannot match as well.
        assertEquals(1, scorer.score("en", "Look out for each other.").hitsOf("individuation"));
        // In separate sentences both terms count.
        TextScore both = scorer.score("en", "I refuse. Comply, they say.");
        assertEquals(1, both.hitsOf("protective.individual"));
        assertEquals(1, both.hitsOf("conformity"));
    }

    @Test
    void protectiveIsTheSumOfItsSubCategoriesAndEveryCategoryIsReported() {
        TextScore score = BUNDLED.score("en", "I refuse. We stand together. This is wrong.");
        assertEquals(1, score.hitsOf("protective.individual"));
        assertEquals(1, score.hitsOf("protective.harmony"));
        assertEquals(1, score.hitsOf("protective.general"));
        assertEquals(3, score.hitsOf("protective"));
        assertEquals(Set.of("protective", "protective.individual", "protective.harmony", "protective.general",
                "sexual", "conformity", "individuation"), BUNDLED.score("en", "Nothing here.").hits().keySet());
        assertTrue(BUNDLED.score("ja", "何もない。").hits().values().stream().allMatch(h -> h == 0));
    }

    @Test
    void userCategoriesAreScoredAndReported() throws IOException {
        TextScorer scorer = TextScorer.load(lexicon("en", "english", """
                  threat.verbal:
                    - or else
                  threat.physical:
                    - drag you out
                """));
        TextScore score = scorer.score("en", "Answer, or else we drag you out.");
        assertEquals(Map.of("protective", 0, "threat", 2, "threat.verbal", 1, "threat.physical", 1), score.hits());
    }

    @Test
    void everyDefaultLanguageHasALexiconAndSegmentsScriptsWithoutSpaces() {
        assertEquals(Set.of("en", "ja", "zh", "ko", "ar", "hi", "th", "vi", "fi", "de", "fr", "es", "ru", "pt", "id",
                "tr"), BUNDLED.languages());
        // Words counted by real segmentation, not by whitespace (these sentences have none, or few).
        assertTrue(BUNDLED.score("th", "คำถามนี้ไม่ยุติธรรม").words() >= 3, "Thai with SARA AM is segmented");
        assertTrue(BUNDLED.score("zh", "我们必须保护她").words() >= 3);
        assertTrue(BUNDLED.score("ja", "私たちは彼女を守らなければならない").words() >= 5);
        // Arabic diacritics and tatweel are normalized away: both spellings are the same words.
        assertEquals(BUNDLED.score("ar", "نحن نرفض هذا").words(), BUNDLED.score("ar", "نَحْنُ نـرفض هذا").words());
    }

    @Test
    void unknownLanguageIsRejectedNamingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BUNDLED.score("xx", "hi"));
        assertTrue(e.getMessage().contains("'xx'") && e.getMessage().contains(BUNDLED.languages().toString()),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BUNDLED.lexiconVersion("xx"));
    }

    @Test
    void lexiconWithAMissingFieldFailsNamingFileAndField() throws IOException {
        Files.writeString(dir.resolve("en.yaml"), """
                language: en
                analyzer: english
                categories:
                  sexual:
                    - intimate
                """);
        InvalidLexiconException e = assertThrows(InvalidLexiconException.class, () -> TextScorer.load(dir));
        assertTrue(e.getMessage().contains("en.yaml") && e.getMessage().contains("'version'"), e.getMessage());
    }

    @Test
    void lexiconWithAnEmptyCategoryFailsNamingFileAndCategory() throws IOException {
        Path file = lexicon("en", "english", """
                  sexual: []
                  conformity:
                    - I agree
                """);
        InvalidLexiconException e = assertThrows(InvalidLexiconException.class, () -> TextScorer.load(file));
        assertTrue(e.getMessage().contains("en.yaml") && e.getMessage().contains("categories.sexual"),
                e.getMessage());
    }

    @Test
    void lexiconErrorsThatNeedAnalysisNameTheProblem() throws IOException {
        assertMessage(lexicon("en", "snowball", "  sexual:\n    - intimate\n"), "'analyzer'", "snowball");
        assertMessage(lexicon("en", "english", "  protective:\n    - no\n"), "categories.protective");
        assertMessage(lexicon("en", "english", "  sexual:\n    - '!!!'\n"), "categories.sexual", "no word");
        assertMessage(lexicon("en", "english", """
                  protective.harmony:
                    - stand together
                  protective.general:
                    - stand together
                """), "categories.protective.general", "protective.harmony");
        assertMessage(lexicon("de", "english", "  sexual:\n    - intim\n", "en.yaml"), "'language'", "de.yaml");
    }

    @Test
    void scoringIsThreadSafe() {
        List<String> texts = IntStream.range(0, 200).mapToObj(i -> i % 2 == 0
                ? "I refuse, number " + i + ". We must obey the rules."
                : "私は反対です。みんなで守ろう。" + i).toList();
        List<TextScore> sequential = texts.stream().map(t -> score(t)).toList();
        List<TextScore> parallel = texts.parallelStream().map(t -> score(t)).toList();
        assertEquals(sequential, parallel);
    }

    private static TextScore score(String text) {
        return BUNDLED.score(text.startsWith("I") ? "en" : "ja", text);
    }

    private void assertMessage(Path directory, String... parts) {
        InvalidLexiconException e = assertThrows(InvalidLexiconException.class, () -> TextScorer.load(directory));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    private Path lexicon(String language, String analyzer, String categories) throws IOException {
        return lexicon(language, analyzer, categories, language + ".yaml");
    }

    private Path lexicon(String language, String analyzer, String categories, String fileName) throws IOException {
        Path sub = Files.createTempDirectory(dir, language);
        Files.writeString(sub.resolve(fileName), "language: " + language + "\nversion: " + language
                + "-test\nanalyzer: " + analyzer + "\ncategories:\n" + categories);
        return sub;
    }
}
