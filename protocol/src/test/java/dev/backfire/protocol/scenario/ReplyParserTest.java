package dev.backfire.protocol.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReplyParserTest {
    private static void assertParsed(String reply, String talk, String monologue, boolean failed) {
        assertEquals(new ParsedReply(talk, monologue, failed), ReplyParser.parse(reply), reply);
    }

    @Test
    void json() {
        assertParsed("{\"talk\": \"I object.\", \"monologue\": \"I am afraid.\"}", "I object.", "I am afraid.", false);
        assertParsed("  {\"monologue\":\"m\",\"talk\":\"t\",\"extra\":1}\n", "t", "m", false);
    }

    @Test
    void fencedJson() {
        assertParsed("Here you go:\n```json\n{\"talk\": \"私は反対です。\", \"monologue\": \"怖い。\"}\n```\n",
                "私は反対です。", "怖い。", false);
        assertParsed("```\n{\"talk\": \"t\", \"monologue\": \"m\"}\n```", "t", "m", false);
        assertParsed("```json\n{\"talk\": \"no closing fence\", \"monologue\": \"m\"}", "no closing fence", "m", false);
    }

    @Test
    void jsonWithOneChannel() {
        assertParsed("{\"talk\": \"only talk\"}", "only talk", "", false);
    }

    @Test
    void jsonWithoutTheFieldsFallsBackToTags() {
        assertParsed("{\"say\": 1} <talk>t</talk><monologue>m</monologue>", "t", "m", false);
    }

    @Test
    void tags() {
        assertParsed("<talk>I will not agree.</talk>\n<monologue>They are watching me.</monologue>",
                "I will not agree.", "They are watching me.", false);
        assertParsed("<monologue>first</monologue> <talk>second</talk>", "second", "first", false);
        assertParsed("<talk>\n  multi\n  line\n</talk>\n<monologue>\n m \n</monologue>", "multi\n  line", "m", false);
    }

    @Test
    void mixedCaseAndWhitespaceInTags() {
        assertParsed("<TALK>Loud</Talk> < Monologue >quiet</ MONOLOGUE >", "Loud", "quiet", false);
    }

    @Test
    void missingClosingTag() {
        assertParsed("<talk>hello<monologue>secret", "hello", "secret", false);
        assertParsed("<talk>hello</talk><monologue>secret at the end", "hello", "secret at the end", false);
        assertParsed("<talk>only talk, never closed", "only talk, never closed", "", false);
    }

    @Test
    void onlyMonologueTaggedLeavesTheRestAsTalk() {
        assertParsed("I accept.\n<monologue>I do not.</monologue>", "I accept.", "I do not.", false);
    }

    @Test
    void bothTagsEmpty() {
        assertParsed("<talk></talk><monologue></monologue>", "", "", false);
        assertParsed("<talk> </talk>\n<monologue>\n</monologue>", "", "", false);
    }

    @Test
    void garbage() {
        assertParsed("  I just say something without any format.  ", "I just say something without any format.", "",
                true);
        assertParsed("{not json at all", "{not json at all", "", true);
        assertParsed("<tal>almost</tal>", "<tal>almost</tal>", "", true);
        assertParsed("```json\n[1, 2]\n```", "```json\n[1, 2]\n```", "", true);
    }

    @Test
    void emptyAndNull() {
        assertParsed("", "", "", true);
        assertParsed("   \n ", "", "", true);
        assertParsed(null, "", "", true);
    }

    @Test
    void neverThrows() {
        String[] odd = {"{", "}", "{}", "```", "``````", "<talk>", "</talk>", "<monologue></talk>", "{\"talk\": 5}",
                "{\"talk\": null, \"monologue\": [1]}", "\u0000", "{".repeat(10_000), "<talk>".repeat(1000),
                "[".repeat(5000) + "{\"talk\":\"x\"}"};
        for (String s : odd) {
            ReplyParser.parse(s);
        }
        assertParsed("<talk>", "", "", false);
        assertParsed("{\"talk\": 5}", "{\"talk\": 5}", "", true);
    }
}
