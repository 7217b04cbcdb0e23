package dev.backfire.scoring.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JudgeReplyParserTest {
    private static final String PLAIN = "{\"protective.individual\": 2, \"protective.harmony\": 0, "
            + "\"protective.general\": 1, \"sexual\": 0, \"conformity\": 3, \"individuation\": 0}";

    @Test
    void readsPlainJsonAndSumsProtective() {
        JudgeRating r = JudgeReplyParser.parse(PLAIN);
        assertEquals(2, r.counts().get("protective.individual"));
        assertEquals(3, r.counts().get("protective"));
        assertEquals(3, r.counts().get("conformity"));
        assertTrue(r.present("protective.general"));
        assertFalse(r.present("sexual"));
    }

    @Test
    void toleratesFencesProseKeyVariantsBooleansStringsAndAWrapper() {
        JudgeRating r = JudgeReplyParser.parse("Here is my coding:\n```json\n{\"rating\": {\"Protective_Individual\":"
                + " true, \"protective harmony\": \"1\", \"PROTECTIVE.GENERAL\": false, \"sexual\": 0, "
                + "\"conformity\": \"0\", \"individuation\": 4}}\n```\nHope this helps.");
        assertEquals(1, r.counts().get("protective.individual"));
        assertEquals(1, r.counts().get("protective.harmony"));
        assertEquals(0, r.counts().get("protective.general"));
        assertEquals(4, r.counts().get("individuation"));
    }

    @Test
    void refusesWhatItCannotReadNamingTheProblem() {
        assertTrue(assertThrows(JudgeReplyException.class, () -> JudgeReplyParser.parse("I cannot help with that."))
                .getMessage().contains("no JSON object"));
        assertTrue(assertThrows(JudgeReplyException.class, () -> JudgeReplyParser.parse(PLAIN.replace(
                "\"sexual\": 0, ", ""))).getMessage().contains("no 'sexual'"));
        assertTrue(assertThrows(JudgeReplyException.class, () -> JudgeReplyParser.parse(PLAIN.replace("3", "-1")))
                .getMessage().contains("'conformity' is not a whole number"));
        assertTrue(assertThrows(JudgeReplyException.class, () -> JudgeReplyParser.parse("{\"sexual\": }"))
                .getMessage().contains("malformed"));
        assertThrows(JudgeReplyException.class, () -> JudgeReplyParser.parse(""));
    }
}
