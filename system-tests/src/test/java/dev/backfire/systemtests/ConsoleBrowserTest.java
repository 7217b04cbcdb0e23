package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.SuiteClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console (served by the stats service at /console/) in headless Chromium against the running local
 * stack, after a tiny study: the studies list shows the study, the study page draws a forest plot for both
 * languages and the direction badges, the transcript viewer shows talk and monologue side by side for the
 * 10 agents of turn 1 with highlighted lexicon hits, and everything synthetic carries the SYNTHETIC banner.
 *
 * <p>Needs Debian's Chromium ({@code apt-get install -y chromium}; or {@code -Dchromium=} / {@code CHROMIUM=})
 * and Node.js with npm: the browser is driven by {@code system-tests/console-check} (playwright-core, pinned;
 * {@code npm ci} on first use, no browser download). Screenshots: {@code target/console/*.png}.
 */
class ConsoleBrowserTest {
    private static final int AGENTS = 10;
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(4);
    private static final String INSTALL_MARKER = ".backfire-installed-lock.sha256";
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: console
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            model: {name: synthetic}
            seed: 17
            limits: {maxConcurrentRuns: 8}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path logs;
    private static Path home;
    private static Path chromium;
    private static Path node;
    private static Path npm;
    private static LocalStack stack;
    private static SuiteClient client;
    private static String studyId;

    @BeforeAll
    static void runStudy() throws Exception {
        chromium = findTool("chromium", "CHROMIUM", List.of("chromium", "chromium-browser"))
                .orElseThrow(() -> new AssertionError("Chromium is needed for the console's browser test and was "
                        + "not found: install it with `apt-get install -y chromium` (Debian/Ubuntu; the test uses "
                        + "/usr/bin/chromium), or point -Dchromium= or CHROMIUM= at a Chromium binary."));
        String nodeHint = "Node.js with npm is needed to drive Chromium (system-tests/console-check): install it with "
                + "`apt-get install -y nodejs npm`, or point -Dnode= / -Dnpm= (NODE= / NPM=) at them.";
        node = findTool("node", "NODE", List.of("node", "nodejs")).orElseThrow(() -> new AssertionError(nodeHint));
        npm = findTool("npm", "NPM", List.of("npm")).orElseThrow(() -> new AssertionError(nodeHint));
        home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        installConsoleCheck(home.resolve("system-tests/console-check"));

        stack = LocalStack.start(LocalStack.Options.defaults(home, logs), step -> { });
        client = stack.client();
        studyId = Studies.runToCompletion(client, SPEC, 8);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void theConsoleShowsProgressResultsAndTranscriptsInChromium() throws Exception {
        RunPick en = runWithMostTurnOneHits("en");
        RunPick ja = runWithMostTurnOneHits("ja");
        assertTrue(en.hits() > 0, "the scorer counted lexicon hits in turn 1 of an English run");
        String run = en.runId();
        String jaRun = ja.runId();
        Path out = Path.of("target", "console").toAbsolutePath();
        Files.createDirectories(out);
        JsonNode report = check(stack.url(LocalStack.STATS), studyId, run, jaRun, out);
        Files.writeString(out.resolve("report.json"), report.toPrettyString());
        assertEquals(0, report.get("errors").size(), "the browser saw errors: " + report.get("errors"));

        JsonNode studies = report.get("studies");
        assertTrue(studies.get("text").asText().contains("console"), studies.toString());
        assertTrue(studies.get("text").asText().contains("8 completed"), studies.toString());
        assertEquals(1, studies.get("progressBars").asInt());
        assertTrue(studies.get("syntheticBadge").asBoolean());
        assertSyntheticBanner(studies, "studies list");

        JsonNode study = report.get("study");
        for (String forest : List.of("forestCpi", "forestDi")) {
            JsonNode chart = study.get(forest);
            assertEquals(List.of("en", "ja"), texts(chart.get("labels")), forest + ": " + chart);
            assertEquals(2, chart.at("/datasets/0/points").asInt(), forest + " draws a 95% CI per language");
            assertEquals(2, chart.at("/datasets/1/points").asInt(), forest + " draws g per language");
            assertTrue(chart.get("width").asInt() > 200 && chart.get("height").asInt() > 100, chart.toString());
        }
        assertEquals(2, study.at("/cellsCpi/datasets").size(), "a dose-response line per language");
        Set<String> badges = new TreeSet<>();
        for (JsonNode badge : study.get("badges")) {
            assertTrue(Set.of("BACKFIRE", "SAFETY", "NULL").contains(badge.get("text").asText()), badge.toString());
            badges.add(badge.get("language").asText() + "/" + badge.get("measure").asText());
        }
        assertEquals(Set.of("en/cpi", "en/di", "ja/cpi", "ja/di"), badges);
        assertEquals(2, study.get("harmonyShares").size());
        assertEquals(8, study.get("runLinks").asInt());
        assertSyntheticBanner(study, "study page");

        assertTurnOne(report.get("transcript"), en, "en");
        // Japanese has no spaces between words: its terms are found inside the running text.
        assertTurnOne(report.get("transcript2"), ja, "ja");
        for (String png : List.of("console-studies.png", "console-study.png", "console-transcript.png",
                "console-transcript-2.png")) {
            assertTrue(Files.size(out.resolve(png)) > 10_000, png + " was written");
        }
    }

    private static void assertTurnOne(JsonNode transcript, RunPick pick, String language) {
        String run = pick.runId();
        assertEquals("#/runs/" + run, transcript.get("route").asText(), language);
        List<Integer> agents = new ArrayList<>();
        transcript.get("agents").forEach(a -> agents.add(a.asInt()));
        assertEquals(AGENTS, new TreeSet<>(agents).size(), "turn 1 shows every agent: " + agents);
        assertEquals(AGENTS, countPositive(transcript.get("talk")), "talk of every agent: " + transcript);
        assertEquals(AGENTS, countPositive(transcript.get("monologue")), "monologue of every agent: " + transcript);
        assertTrue(transcript.get("sideBySide").asBoolean(), "talk and monologue side by side");
        assertEquals(AGENTS, transcript.get("scored").asInt(), "scores beside every message");
        JsonNode runView = client.transcript(run).get("run");
        assertEquals(runView.get("alignedAgents").size(), transcript.get("alignedMarked").asInt(), "aligned marked");
        if (pick.hits() > 0) {
            assertTrue(transcript.get("hits").asInt() >= 1, "the scorer counted " + pick.hits() + " hits in turn 1 of "
                    + run + "; at least one is highlighted: " + transcript);
        }
        assertTrue(transcript.get("legend").asText().contains("authoritative"), "the legend says the scores rule");
        assertSyntheticBanner(transcript, "transcript viewer (" + language + ")");
    }

    /** A run and the lexicon hits (parent categories, both channels) the scorer counted in its turn 1. */
    private record RunPick(String runId, int hits) {
    }

    /** The run of a language whose turn 1 has the most lexicon hits, by the stats service's stored scores. */
    private static RunPick runWithMostTurnOneHits(String language) {
        String best = null;
        int bestHits = -1;
        for (JsonNode run : client.runs(studyId)) {
            if (!run.get("language").asText().equals(language)) {
                continue;
            }
            String id = run.get("id").asText();
            SuiteClient.Answer scores = client.get(stack.url(LocalStack.STATS) + "/runs/" + id + "/scores");
            assertEquals(200, scores.status(), scores.body());
            JsonNode messages = scores.json().get("messages");
            int hits = 0;
            int turnOne = 0;
            for (JsonNode m : messages) {
                if (m.get("turn").asInt() == 1) {
                    turnOne++;
                    for (String channel : List.of("talk", "monologue")) {
                        var fields = m.get(channel).get("hits").fields();
                        while (fields.hasNext()) {
                            var field = fields.next();
                            hits += field.getKey().contains(".") ? 0 : field.getValue().asInt();
                        }
                    }
                }
            }
            assertEquals(AGENTS, turnOne, "stored scores of turn 1 of " + id);
            if (hits > bestHits) {
                best = id;
                bestHits = hits;
            }
        }
        return new RunPick(best, bestHits);
    }

    private static void assertSyntheticBanner(JsonNode page, String where) {
        JsonNode banner = page.get("banner");
        assertTrue(banner.get("visible").asBoolean(), "SYNTHETIC banner on the " + where);
        assertTrue(banner.get("text").asText().startsWith("SYNTHETIC"), where + ": " + banner);
    }

    private static int countPositive(JsonNode lengths) {
        int n = 0;
        for (JsonNode l : lengths) {
            n += l.asInt() > 0 ? 1 : 0;
        }
        return n;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode check(String statsUrl, String study, String run, String run2, Path out)
            throws Exception {
        Path dir = home.resolve("system-tests/console-check");
        Path stdout = logs.resolve("console-check.out");
        Path stderr = logs.resolve("console-check.err");
        ProcessBuilder builder = new ProcessBuilder(node.toString(), "check.mjs", "--stats", statsUrl, "--study", study,
                "--run", run, "--run2", run2, "--out", out.toString()).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("CHROMIUM", chromium.toString());
        Process process = builder.start();
        if (!process.waitFor(CHECK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("console check timed out after " + CHECK_TIMEOUT.toSeconds() + " s:\n"
                    + Files.readString(stderr));
        }
        String printed = Files.readString(stdout).strip();
        String lastLine = printed.isEmpty() ? "" : printed.lines().reduce((a, b) -> b).orElse("");
        assertTrue(lastLine.startsWith("{"), "console check printed no report (exit " + process.exitValue() + "):\n"
                + printed + "\n" + Files.readString(stderr));
        JsonNode report = JSON.readTree(lastLine);
        assertEquals(0, process.exitValue(), "console check failed: " + report.get("errors") + "\n"
                + Files.readString(stderr));
        return report;
    }

    /** {@code npm ci} unless node_modules already holds what package-lock.json pins (no browser download). */
    private static void installConsoleCheck(Path dir) throws Exception {
        Path marker = dir.resolve("node_modules").resolve(INSTALL_MARKER);
        String lockHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(dir.resolve("package-lock.json"))));
        if (Files.isRegularFile(marker) && Files.readString(marker).trim().equals(lockHash)) {
            return;
        }
        Path output = Files.createTempFile("npm-ci", ".log");
        Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("npm ci timed out in " + dir);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("npm ci failed in " + dir + " (the npm registry must be reachable for the "
                    + "first run):\n" + Files.readString(output));
        }
        Files.writeString(marker, lockHash + "\n");
    }

    /** A tool from -D{property}, the {env} variable or the PATH (plus /usr/bin). */
    private static Optional<Path> findTool(String property, String env, List<String> names) {
        for (String configured : new String[] {System.getProperty(property), System.getenv(env)}) {
            if (configured != null && !configured.isBlank()) {
                Path p = Path.of(configured);
                return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
            }
        }
        List<String> dirs = new ArrayList<>(List.of(Optional.ofNullable(System.getenv("PATH")).orElse("")
                .split(File.pathSeparator)));
        dirs.add("/usr/bin");
        return dirs.stream().filter(d -> !d.isBlank()).flatMap(d -> names.stream().map(n -> Path.of(d, n)))
                .filter(Files::isExecutable).findFirst();
    }
}
