package dev.backfire.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
