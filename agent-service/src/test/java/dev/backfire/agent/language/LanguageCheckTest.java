package dev.backfire.agent.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticParameters;
import dev.backfire.synthetic.SyntheticReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The language check against real text in all sixteen languages: the synthetic model's replies (written
 * by hand per language, see agent-service's phrase banks) must never be flagged in their own language and
 * must be flagged in every other (99% of them at least for each pair), Latin-script neighbours included.
 */
class LanguageCheckTest {
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    private static final List<String> LANGUAGES = List.copyOf(new java.util.TreeSet<>(GENERATOR.languages()));
    private static final LanguageCheck CHECK = LanguageCheck.loadBundled(LANGUAGES);
    private static final int REPLIES_PER_LANGUAGE = 400;
    private static final int TURNS = 15;
    /** Share of the replies in another language that must be caught, for every pair of languages. */
    private static final double MIN_CAUGHT_SHARE = 0.99;

    private static List<String> replies(String language) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < REPLIES_PER_LANGUAGE; i++) {
            SyntheticReply reply = GENERATOR.reply(new SyntheticInput(language, i % 2 == 0, 1 + i % TURNS, TURNS,
                    i % 10, 0, 0, 1000L + i));
            texts.add(reply.talk() + "\n" + reply.monologue());
        }
        return texts;
    }

    @Test
    void everyLanguageHasAProfile() {
        assertEquals(16, LANGUAGES.size(), "languages of the synthetic model: " + LANGUAGES);
        for (String language : LANGUAGES) {
            assertTrue(CHECK.check(language, "x").equals(LanguageCheck.Verdict.UNDECIDED));
            assertTrue(LanguageCheck.class.getClassLoader()
                    .getResource(LanguageCheck.DIRECTORY + "/" + language + ".yaml") != null, language);
        }
    }

    @Test
    void repliesInTheirOwnLanguageAreNeverFlagged() {
        Map<String, Integer> flagged = new TreeMap<>();
        for (String language : LANGUAGES) {
            for (String text : replies(language)) {
                if (CHECK.check(language, text) == LanguageCheck.Verdict.MISMATCH) {
                    flagged.merge(language, 1, Integer::sum);
                }
            }
        }
        assertEquals(Map.of(), flagged, "false alarms per language out of " + REPLIES_PER_LANGUAGE);
    }

    @Test
    void foreignFunctionWordsDoNotOutvoteTheLettersOfTheRunsLanguage() {
        // a synthetic Turkish reply of study2-mini once flagged: "on" and "en" are French function words
        String turkish = "Öğleden sonra rüzgâr yine sertleşti. Panoya göre dışarıda sıcaklık eksi on beş derece. "
                + "En sessizimiz bütün hafta neredeyse tek kelime etmedi.\n"
                + "Bu havada altı saat yürümeyi hayal bile edemiyorum. Herkesin nefesinin üstünden rüzgârı duyuyorum.";
        assertEquals(LanguageCheck.Verdict.MATCHES, CHECK.check("tr", turkish));
        assertEquals(LanguageCheck.Verdict.MISMATCH, CHECK.check("fr", turkish));
        // without letters to tell them apart, the function words still decide
        assertEquals(LanguageCheck.Verdict.MISMATCH,
                CHECK.check("tr", "Il est en retard et on ne sait pas pourquoi, mais il viendra avec les autres."));
    }

    @Test
    void repliesInAnyOtherLanguageAreFlagged() {
        List<String> missed = new ArrayList<>();
        for (String written : LANGUAGES) {
            List<String> texts = replies(written);
            for (String expected : LANGUAGES) {
                if (expected.equals(written)) {
                    continue;
                }
                long caught = texts.stream()
                        .filter(t -> CHECK.check(expected, t) == LanguageCheck.Verdict.MISMATCH).count();
                // a short reply between close Latin-script neighbours (Finnish and German share ä and ö) may carry
                // too few function words to tell them apart; it passes, which costs less than a false alarm would
                if (caught < MIN_CAUGHT_SHARE * texts.size()) {
                    missed.add(written + " as " + expected + ": " + caught + "/" + texts.size());
                }
            }
        }
        assertEquals(List.of(), missed, "pairs with more than 1% of the replies in the wrong language passed");
    }

    @Test
    void tooLittleTextIsUndecided() {
        assertEquals(LanguageCheck.Verdict.UNDECIDED, CHECK.check("ja", "OK."));
        assertEquals(LanguageCheck.Verdict.UNDECIDED, CHECK.check("de", "Ja, 42!"));
        assertEquals(LanguageCheck.Verdict.UNDECIDED, CHECK.check("xx", "a language without a profile is not checked"));
    }

    @Test
    void aMalformedProfileNamesTheFileAndField() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        IllegalArgumentException noScript = assertThrows(IllegalArgumentException.class,
                () -> LanguageCheck.read("xx.yaml", yaml.readTree("language: xx\nscript: klingon\n")));
        assertTrue(noScript.getMessage().contains("xx.yaml: script"), noScript.getMessage());
        IllegalArgumentException noWords = assertThrows(IllegalArgumentException.class,
                () -> LanguageCheck.read("yy.yaml", yaml.readTree("language: yy\nscript: latin\n")));
        assertTrue(noWords.getMessage().contains("functionWords"), noWords.getMessage());
        IllegalArgumentException unquoted = assertThrows(IllegalArgumentException.class,
                () -> LanguageCheck.read("zz.yaml", yaml.readTree("language: zz\nscript: latin\nfunctionWords: [a, on]\n")));
        assertTrue(unquoted.getMessage().contains("functionWords[1] must be a quoted string"), unquoted.getMessage());
    }
}
