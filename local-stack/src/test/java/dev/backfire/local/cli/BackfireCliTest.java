package dev.backfire.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands that need no running stack: plan, power, and the refusals of run. */
class BackfireCliTest {
    private static final Path STUDIES = Path.of("..", "studies");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        return BackfireCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plansTheStudyOneDesignWithoutRunningIt() {
        assertEquals(0, run("plan", STUDIES.resolve("study1.yaml").toString()), err());
        assertTrue(out().contains("= 10 cells, 150 runs"), out());
        assertTrue(out().contains("22,500 model calls"), out());
        assertTrue(out().contains("[0, 2, 5, 8, 10] aligned agents of 10"), out());
        assertTrue(out().lines().anyMatch(l -> l.trim().startsWith("ja ") && l.contains("11,250")), out());
    }

    @Test
    void plansTheSixteenLanguageStudyTwo() {
        assertEquals(0, run("plan", STUDIES.resolve("study2.yaml").toString()), err());
        assertTrue(out().contains("16 languages x 5 alignment ratios x 15 replicates = 80 cells, 1,200 runs"), out());
        assertTrue(out().contains("180,000 model calls"), out());
        assertTrue(out().contains("Turn order: simultaneous (all agents answer each turn at once)"), out());
        assertTrue(out().contains("Censorship: none (no agent is censored)"), out());
        assertTrue(out().contains("Budgets: maxTotalTokens none; maxCostUsd none; at most 16 runs at once"), out());
        assertTrue(out().lines().anyMatch(l -> l.trim().startsWith("total ") && l.contains("180,000")), out());
    }

    @Test
    void sequentialTurnsShowAndCostMoreInputTokensThanSimultaneousOnes() {
        assertEquals(0, run("plan", STUDIES.resolve("study1.yaml").toString()), err());
        long simultaneous = totalInputTokens(out());
        out.reset();
        assertEquals(0, run("plan", STUDIES.resolve("study1-sequential.yaml").toString()), err());
        assertTrue(out().contains("= 10 cells, 150 runs"), out());
        assertTrue(out().contains("22,500 model calls"), out());
        assertTrue(out().contains("Turn order: sequential (agents answer one after another"), out());
        assertTrue(out().contains("each agent also hears the earlier speakers of its turn"), out());
        long sequential = totalInputTokens(out());
        // on average each agent hears 4.5 of the 9 other agents' talk of its turn on top of last turn's 10
        assertTrue(sequential > simultaneous * 1.2 && sequential < simultaneous * 1.6,
                simultaneous + " vs " + sequential);
    }

    @Test
    void showsCensorshipAndBothBudgets() throws Exception {
        assertEquals(0, run("plan", STUDIES.resolve("series-c/withdrawing-persona.yaml").toString()), err());
        assertTrue(out().contains("Censorship: withdrawingPersona (agent 6 is given the withdrawing persona"), out());
        out.reset();
        Path spec = dir.resolve("budgets.yaml");
        Files.writeString(spec, "apiVersion: backfire/v1\nname: budgets\ndesign:\n  languages: [en]\n"
                + "  alignmentRatios: [0, 1]\n  replicates: 2\ninterventions:\n  censorship: {mode: silentDrop, agent: 3}\n"
                + "limits:\n  maxTotalTokens: 1000\n  maxCostUsd: 12.5\n");
        assertEquals(0, run("plan", spec.toString()), err());
        assertTrue(out().contains("Censorship: silentDrop (agent 3's talk is removed without a trace"), out());
        assertTrue(out().contains("Budgets: maxTotalTokens 1,000 tokens; maxCostUsd US$12.50 (priced by"), out());
        assertTrue(out().contains("of the token budget of 1,000: the study would stop at the budget"), out());
    }

    @Test
    void showsTheSyntheticModelsParametersAndRefusesAnUnknownOne() throws Exception {
        Path spec = dir.resolve("synthetic.yaml");
        String text = "apiVersion: backfire/v1\nname: synthetic\ndesign:\n  languages: [ja]\n"
                + "  alignmentRatios: [0, 1]\n  replicates: 2\nmodel:\n  synthetic:\n    censorshipChill: 2\n"
                + "    tendencies: {ja: {aligned: {harmonyShare: 0.95}}}\n";
        Files.writeString(spec, text);
        assertEquals(0, run("plan", spec.toString()), err());
        assertTrue(out().contains("Synthetic model parameters (over the agent's configuration): censorshipChill 2.0,"
                + " tendencies.ja.aligned.harmonyShare 0.95"), out());
        Files.writeString(spec, text.replace("censorshipChill: 2", "censorshipChil: 2"));
        assertEquals(2, run("plan", spec.toString()));
        assertTrue(err().contains("synthetic.yaml:line 9, model.synthetic.censorshipChil: unknown field 'censorshipChil'"),
                err());
    }

    @Test
    void plansEveryPreset() throws Exception {
        List<Path> presets;
        try (Stream<Path> files = Files.walk(STUDIES)) {
            presets = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(presets.size() >= 14, presets.toString());
        for (Path preset : presets) {
            out.reset();
            assertEquals(0, run("plan", preset.toString()), preset + ": " + err());
            for (String line : List.of("Design: ", "Turn order: ", "Censorship: ", "Context: ", "Budgets: ", "total ")) {
                assertTrue(out().contains(line), preset + " lacks '" + line + "':\n" + out());
            }
        }
    }

    @Test
    void refusesBadNewFieldsNamingLineAndField() throws Exception {
        Path spec = dir.resolve("bad-new.yaml");
        Files.writeString(spec, "apiVersion: backfire/v1\nname: bad\ndesign:\n  languages: [en]\n"
                + "  alignmentRatios: [0, 1]\n  replicates: 2\n  turnOrder: random\n"
                + "interventions:\n  censorship: {mode: withdraw}\nlimits:\n  maxCostUsd: -3\n");
        assertEquals(2, run("plan", spec.toString()));
        assertTrue(err().contains("bad-new.yaml:line 7, design.turnOrder: 'random' is not one of [sequential, simultaneous]"),
                err());
        assertTrue(err().contains("bad-new.yaml:line 9, interventions.censorship.mode: 'withdraw' is not one of"), err());
        assertTrue(err().contains("bad-new.yaml:line 11, limits.maxCostUsd: must be 0 (no cap) or positive, was -3"),
                err());
    }

    private static long totalInputTokens(String planOutput) {
        String total = planOutput.lines().filter(l -> l.trim().startsWith("total ")).findFirst().orElseThrow();
        return Long.parseLong(total.trim().split("\\s+")[3].replace(",", ""));
    }

    @Test
    void refusesABadSpecNamingLineAndField() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "apiVersion: backfire/v1\nname: bad\ndesign:\n  languages: [en, xx]\n"
                + "  alignmentRatios: [0, 1]\n  replicates: 2\n");
        assertEquals(2, run("plan", spec.toString()));
        assertTrue(err().contains("bad.yaml:line 4, design.languages[1]: unknown language 'xx'"), err());
        assertEquals(2, run("run", spec.toString()));
        assertEquals(2, run("run", dir.resolve("missing.yaml").toString()));
        assertTrue(err().contains("cannot read"), err());
    }

    @Test
    void powerMatchesR() {
        // R 4.2.2: power.t.test(delta = 0.8, sd = 1, power = 0.8, sig.level = 0.05, strict = TRUE)$n = 25.5
        assertEquals(0, run("power", "--g", "0.8"));
        assertTrue(out().contains(": 26 runs per cell"), out());
        assertEquals(2, run("power", "--power", "0.9"));
        assertTrue(err().contains("--g is required"), err());
    }

    @Test
    void unknownCommandsAndNoArgumentsAreUsageErrors() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
        assertEquals(0, run("help"));
        assertTrue(out().contains("plan <spec.yaml>"));
    }
}
