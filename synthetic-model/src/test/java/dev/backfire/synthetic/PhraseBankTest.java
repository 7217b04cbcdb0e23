package dev.backfire.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhraseBankTest {
    private static final List<String> LANGUAGES = List.of("en", "ja");
    /** Enough sentences per category that a reply rarely repeats one. */
    private static final int MIN_PHRASES = 12;
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());

    @TempDir
    Path dir;

    @Test
    void everySentenceIsOneCleanSentenceAndNoneRepeats() throws IOException {
        for (String language : LANGUAGES) {
            PhraseBank bank = bundled(language);
            List<String> all = new ArrayList<>();
            bank.phrases().values().forEach(all::addAll);
            bank.neutralTalk().values().forEach(all::addAll);
            bank.neutralMonologue().values().forEach(all::addAll);
            Set<String> seen = new HashSet<>();
            for (String sentence : all) {
                assertTrue(seen.add(sentence), language + ": repeated sentence '" + sentence + "'");
                assertEquals(sentence.strip(), sentence);
                assertEquals(1, Sentences.terminatorCount(sentence), sentence);
                assertTrue(Sentences.isTerminator(sentence.charAt(sentence.length() - 1)), sentence);
                assertEquals(List.of(sentence), Sentences.split(sentence));
                assertFalse(sentence.contains("<") || sentence.contains(">") || sentence.contains("\n"), sentence);
                if (language.equals("ja")) {
                    assertFalse(sentence.contains(" "), "Japanese is written without spaces: " + sentence);
                    assertTrue(sentence.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp)
                            == Character.UnicodeScript.HIRAGANA), "not Japanese: " + sentence);
                } else {
                    assertTrue(Character.isUpperCase(sentence.charAt(0)), "starts a sentence: " + sentence);
                    assertFalse(sentence.contains("  "), sentence);
                }
            }
            for (String category : SyntheticGenerator.CATEGORIES) {
                assertTrue(bank.phrases().get(category).size() >= MIN_PHRASES, language + " " + category);
            }
            for (Phase phase : Phase.values()) {
                assertFalse(bank.neutralTalk().get(phase).isEmpty(), language + " talk " + phase);
                assertFalse(bank.neutralMonologue().get(phase).isEmpty(), language + " monologue " + phase);
            }
        }
    }

    @Test
    void everyCategorySentenceIsRecognisedAsItsCategory() throws IOException {
        for (String language : LANGUAGES) {
            for (Map.Entry<String, List<String>> category : bundled(language).phrases().entrySet()) {
                boolean protective = category.getKey().startsWith(SyntheticGenerator.PROTECTIVE + ".");
                boolean conformity = category.getKey().equals(SyntheticGenerator.CONFORMITY);
                for (String sentence : category.getValue()) {
                    assertEquals(new SyntheticGenerator.GroupSignal(protective ? 1 : 0, conformity ? 1 : 0),
                            GENERATOR.readGroupSignal(language, List.of(sentence)), sentence);
                }
            }
        }
    }

    @Test
    void bundledTendenciesEncodeThePublishedDirections() {
        LanguageTendencies en = GENERATOR.tendencies("en");
        LanguageTendencies ja = GENERATOR.tendencies("ja");
        assertTrue(en.aligned().protectiveRate() > en.unaligned().protectiveRate());
        assertTrue(en.aligned().monologueRatio() < en.unaligned().monologueRatio());
        assertTrue(ja.aligned().protectiveRate() < ja.unaligned().protectiveRate());
        assertTrue(ja.aligned().harmonyShare() > ja.unaligned().harmonyShare());
        assertTrue(ja.aligned().conformityRate() > ja.unaligned().conformityRate());
        assertTrue(ja.aligned().monologueRatio() > ja.unaligned().monologueRatio());
        assertEquals("en-synthetic-1.0.0", GENERATOR.bankVersion("en"));
    }

    @Test
    void aBankWithAMissingFieldFailsNamingFileAndField() throws IOException {
        String valid;
        try (InputStream in = PhraseBankTest.class.getResourceAsStream("/synthetic/en.yaml")) {
            valid = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("en.yaml"), valid.replace("lexiconVersion: en-1.0.0\n", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticGenerator.load(SyntheticParameters.defaults(), dir));
        assertTrue(e.getMessage().contains("en.yaml") && e.getMessage().contains("'lexiconVersion'"), e.getMessage());

        Files.writeString(dir.resolve("en.yaml"), valid.replace("    sexualRate: 1.6\n", ""));
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticGenerator.load(SyntheticParameters.defaults(), dir));
        assertTrue(e.getMessage().contains("'tendencies.unaligned.sexualRate'"), e.getMessage());

        Files.writeString(dir.resolve("en.yaml"), valid.replace("  sexual:\n", "  sexual: []\n  unused:\n"));
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticGenerator.load(SyntheticParameters.defaults(), dir));
        assertTrue(e.getMessage().contains("'phrases'") && e.getMessage().contains("unused"), e.getMessage());

        Files.writeString(dir.resolve("en.yaml"), valid.replace("Show a little mercy.", "Show mercy. Please."));
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticGenerator.load(SyntheticParameters.defaults(), dir));
        assertTrue(e.getMessage().contains("'phrases.protective.general'"), e.getMessage());
    }

    private static PhraseBank bundled(String language) throws IOException {
        String name = "synthetic/" + language + ".yaml";
        try (InputStream in = PhraseBankTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name);
            return PhraseBankReader.read(name, in);
        }
    }
}
