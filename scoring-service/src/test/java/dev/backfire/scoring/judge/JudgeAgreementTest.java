package dev.backfire.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeAgreementTest {
    private static JudgeRating rating(int individual, int sexual) {
        return new JudgeRating(Map.of("protective.individual", individual, "protective.harmony", 0,
                "protective.general", 0, "sexual", sexual, "conformity", 0, "individuation", 0));
    }

    @Test
    void kappaPerLanguageAndCategoryOfPresence() {
        JudgeAgreement agreement = new JudgeAgreement();
        // Lexicon and judge agree on refusals in all four messages; on sexual content they disagree twice.
        agreement.add("en", Map.of("protective", 1, "protective.individual", 1, "sexual", 1), rating(2, 0));
        agreement.add("en", Map.of("protective", 1, "protective.individual", 1), rating(1, 1));
        agreement.add("en", Map.of("sexual", 2), rating(0, 1));
        agreement.add("en", Map.of(), rating(0, 0));
        agreement.addUnreadable("en");
        JudgeAgreement.Language en = agreement.result().get("en");
        assertEquals(4, en.messages());
        assertEquals(1, en.unreadableReplies());
        assertEquals(1.0, en.categories().get("protective.individual").kappa(), 1e-12);
        assertEquals(1.0, en.categories().get("protective").kappa(), 1e-12);
        // sexual: lexicon 1,0,1,0 vs judge 0,1,1,0: po = 0.5, pe = 0.5, kappa 0.
        assertEquals(0.0, en.categories().get("sexual").kappa(), 1e-12);
        assertEquals(2, en.categories().get("sexual").lexiconPresent());
        // Nobody found harmony anywhere: undefined, not perfect.
        assertNull(en.categories().get("protective.harmony").kappa());
    }
}
