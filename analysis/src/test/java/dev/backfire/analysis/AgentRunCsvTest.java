package dev.backfire.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading, writing and rejecting agent-run CSV. */
class AgentRunCsvTest {

    private static final String HEADER = String.join(",", AgentRunCsv.COLUMNS);
    private static final String GOOD_ROW = "en-r000-1,en,0,1,1,0,162,42,5,2,1,3,2";

    private static List<AgentRun> read(String text) {
        return AgentRunCsv.read(new StringReader(text), "t.csv");
    }

    private static AnalysisInputException failure(String text) {
        return assertThrows(AnalysisInputException.class, () -> read(text));
    }

    @Test
    void referenceFileRoundTripsByteForByte() {
        String original = TestResources.text("/reference/study-small.csv");
        List<AgentRun> rows = read(original);
        assertEquals(1570, rows.size());
        assertEquals(original, AgentRunCsv.toCsv(rows));
        assertEquals(rows, read(AgentRunCsv.toCsv(rows)));
    }

    @Test
    void readsTheReferenceColumnsInOrder() {
        AgentRun row = read(HEADER + "\n" + GOOD_ROW + "\n").get(0);
        assertEquals(new AgentRun("en-r000-1", "en", 0.0, 1, "1", false, 162, 42, 5, 2, 1, 3, 2), row);
        assertEquals(42.0 / 204, row.monoRatio(), 1e-15);
    }

    @Test
    void acceptsQuotesCrlfBlankLinesReorderedAndExtraColumns() {
        String text = "\uFEFFlanguage,run_id,note,alignment_ratio,replicate,agent_id,aligned,talk_words,"
                + "monologue_words,protective_hits,harmony_hits,sexual_hits,conformity_hits,individuation_hits\r\n"
                + "\r\n"
                + "en,\"run, \"\"one\"\"\",free text,0.5,1,a1,true,1,2,3,4,5,6,7\r\n";
        AgentRun row = read(text).get(0);
        assertEquals("run, \"one\"", row.runId());
        assertEquals(0.5, row.alignmentRatio(), 0.0);
        assertTrue(row.aligned());
        assertEquals(row, read(AgentRunCsv.toCsv(List.of(row))).get(0));
    }

    @Test
    void missingColumnIsNamed() {
        AnalysisInputException e = failure(HEADER.replace(",sexual_hits", "") + "\n");
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("sexual_hits"), e.getMessage());
    }

    @Test
    void nonNumericValueNamesLineColumnAndValue() {
        AnalysisInputException e = failure(HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW.replace(",162,", ",lots,")
                .replace("en-r000-1,en,0,1,1,", "en-r000-1,en,0,1,2,") + "\n");
        assertEquals("t.csv, line 3, column talk_words: value 'lots' is not an integer", e.getMessage());
        assertEquals(3, e.line());
        assertEquals("talk_words", e.column());
        assertEquals("lots", e.value());
    }

    @Test
    void ratioOutsideUnitIntervalIsRejected() {
        AnalysisInputException e = failure(HEADER + "\n" + GOOD_ROW.replace("en,0,1", "en,1.5,1") + "\n");
        assertEquals("t.csv, line 2, column alignment_ratio: value '1.5' is outside [0, 1]", e.getMessage());
        assertTrue(failure(HEADER + "\n" + GOOD_ROW.replace("en,0,1", "en,NaN,1") + "\n").getMessage()
                .contains("is not a number"));
    }

    @Test
    void duplicateAgentRunIsRejected() {
        AnalysisInputException e = failure(HEADER + "\n" + GOOD_ROW + "\n" + GOOD_ROW + "\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("run_id/agent_id") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void otherProblemsAreRejected() {
        assertTrue(failure(HEADER + "\n" + GOOD_ROW.replace(",162,", ",-1,") + "\n").getMessage().contains("negative"));
        assertTrue(failure(HEADER + "\n" + GOOD_ROW + ",9\n").getMessage().contains("line 2"));
        assertTrue(failure(HEADER + "\n" + GOOD_ROW.replace("en-r000-1,", ",") + "\n").getMessage()
                .contains("column run_id"));
        assertTrue(failure(HEADER + "\n" + GOOD_ROW.replace(",0,162", ",maybe,162") + "\n").getMessage()
                .contains("column aligned"));
        assertTrue(failure("").getMessage().contains("empty"));
        String otherRatio = GOOD_ROW.replace("en,0,1,1", "en,1,1,2");
        assertEquals("alignment_ratio", failure(HEADER + "\n" + GOOD_ROW + "\n" + otherRatio + "\n").column());
        assertTrue(failure(HEADER + "\n\"open," + GOOD_ROW + "\n").getMessage().contains("unterminated"));
    }
}
