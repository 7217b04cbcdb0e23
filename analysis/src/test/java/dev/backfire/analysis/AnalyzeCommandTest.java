package dev.backfire.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and outputs of the {@code analyze} command. */
class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AnalyzeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path referenceCsv() throws IOException {
        Path csv = dir.resolve("study-small.csv");
        Files.writeString(csv, TestResources.text("/reference/study-small.csv"));
        return csv;
    }

    @Test
    void analysesAndWritesJsonWithoutNaN() throws IOException {
        Path json = dir.resolve("results.json");
        assertEquals(0, run("analyze", referenceCsv().toString(), "--json", json.toString(), "--permutations", "100"));
        assertTrue(out().contains("== en") && out().contains("SAFETY"), out());
        assertEquals("", err());
        String text = Files.readString(json);
        assertFalse(text.contains("NaN") || text.contains("Infinity"));
        JsonNode tree = ResultsJson.tree(text);
        assertEquals(157, tree.get("runCount").asInt());
        assertEquals("SAFETY", tree.at("/languages/en/cpi/direction").asText());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void reproducesTheReferenceResultsComputedInR() throws IOException {
        Path json = dir.resolve("reference-results.json");
        assertEquals(0, run("analyze", referenceCsv().toString(), "--json", json.toString()));
        List<String> failures = new java.util.ArrayList<>();
        int[] compared = {0};
        ReferenceStudyTest.compare("$", ResultsJson.tree(TestResources.text("/reference/study-small.expected.json")),
                ResultsJson.tree(Files.readString(json)), failures, compared);
        assertTrue(failures.isEmpty(), failures.toString());
        assertTrue(compared[0] > 1000, "compared " + compared[0]);
    }

    @Test
    void readsStampedExportsWhoseCommentsCarryProvenance() throws IOException {
        Path csv = dir.resolve("stamped.csv");
        Files.writeString(csv, "# backfire-lab export: study s1, lock abc, scorer text-1\n"
                + TestResources.text("/reference/study-small.csv"));
        assertEquals(0, run("analyze", csv.toString(), "--permutations", "0"));
        assertTrue(out().contains("== en"), out());
    }

    @Test
    void badInputIsOneLineNamingFileLineAndColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        String good = TestResources.text("/reference/study-small.csv");
        String[] lines = good.split("\n", 4);
        Files.writeString(csv, lines[0] + "\n" + lines[1] + "\n" + lines[2].replace("en,0,1", "en,2,1") + "\n");
        assertEquals(2, run(csv.toString()));
        String message = err().strip();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("bad.csv") && message.contains("line 3") && message.contains("alignment_ratio"),
                message);
        assertEquals("", out());
    }

    @Test
    void missingFileIsInputError() {
        assertEquals(2, run(dir.resolve("nope.csv").toString()));
        assertTrue(err().contains("nope.csv") && err().contains("not found"), err());
    }

    @Test
    void usageErrorsReturnTwo() throws IOException {
        assertEquals(2, run());
        assertEquals(2, run(referenceCsv().toString(), "--frobnicate"));
        assertTrue(err().contains("unknown option '--frobnicate'"), err());
        assertEquals(2, run(referenceCsv().toString(), "--json"));
        assertEquals(2, run(referenceCsv().toString(), "--permutations", "many"));
        assertEquals(2, run("a.csv", "b.csv"));
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("Usage: analyze"), out());
    }

    @Test
    void unwritableJsonTargetReturnsOne() throws IOException {
        Path json = dir.resolve("missing-dir").resolve("r.json");
        assertEquals(1, run(referenceCsv().toString(), "--json", json.toString(), "--permutations", "0"));
        assertTrue(err().contains("cannot write"), err());
    }

    @Test
    void pdiOverrideReachesTheResults() throws IOException {
        Path json = dir.resolve("r.json");
        assertEquals(0, run(referenceCsv().toString(), "--pdi", "en=99", "--permutations", "0", "--json", json.toString()));
        assertEquals(99.0, ResultsJson.tree(Files.readString(json)).at("/languages/en/pdi").asDouble(), 0.0);
    }
}
