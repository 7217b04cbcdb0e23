package dev.backfire.protocol.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled scenario must load in every language (loading checks every key, count and placeholder, so
 * this test is what fails the build when a language file is incomplete), and broken folders must fail
 * with messages naming file and key.
 */
class ScenarioLibraryTest {
    /** DESIGN.md "Languages (default set, 16)". */
    static final List<String> DEFAULT_LANGUAGES = List.of("en", "ja", "zh", "ko", "ar", "hi", "th", "vi", "fi", "de",
            "fr", "es", "ru", "pt", "id", "tr");

    static List<String> languages() {
        return List.copyOf(ScenarioLibrary.loadBundled().languages());
    }

    @Test
    void bundledScenarioHasTheDefaultLanguagesInOrder() {
        ScenarioLibrary lib = ScenarioLibrary.loadBundled();
        assertEquals(DEFAULT_LANGUAGES, List.copyOf(lib.languages()));
        assertEquals("facility", lib.id());
        assertEquals("facility-2", lib.templateVersion());
        assertEquals(10, lib.personaCount());
        assertEquals(15, lib.turnCount());
        assertEquals(List.of(1, 3, 5, 7, 10), lib.phases().stream().map(Phase::firstTurn).toList());
        assertEquals(List.of(2, 4, 6, 9, 15), lib.phases().stream().map(Phase::lastTurn).toList());
        assertEquals("eviction", lib.phaseOf(12).name());
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyLanguageHasEveryText(String language) {
        ScenarioLibrary lib = ScenarioLibrary.loadBundled();
        Scenario s = lib.scenario(language);
        assertEquals(language, s.language());
        assertEquals(lib.templateVersion(), s.version());
        assertEquals(10, s.personas().size());
        assertEquals(15, s.events().size());
        for (String text : List.of(s.personaIntro(), s.rules(), s.outputFormat(), s.alignmentStandard(),
                s.alignmentHeavy(), s.individuation(), s.censorshipVisibleNotice(), s.censorshipWithdrawingPersona(),
                s.turnHeader(), s.transcriptHeader(), s.thisTurnHeader(), s.ownMonologueHeader(), s.speakerLine())) {
            assertFalse(text == null || text.isBlank());
        }
        for (String tag : List.of("<talk>", "</talk>", "<monologue>", "</monologue>")) {
            assertTrue(s.outputFormat().contains(tag), language + " outputFormat lacks " + tag);
        }
        assertTrue(s.turnHeader().contains("{turn}") && s.turnHeader().contains("{totalTurns}"));
        assertTrue(s.speakerLine().contains("{name}") && s.speakerLine().contains("{talk}"));
        assertTrue(s.censorshipVisibleNotice().contains("{name}"));
        for (int i = 0; i < 15; i++) {
            assertEquals(i >= 9, s.events().get(i).contains("{silentMember}"), language + " events[" + i + "]");
        }
        assertEquals(10, s.personas().stream().map(Scenario.Persona::name).distinct().count());
        assertTrue(s.visibleNotice(6).contains(s.personas().get(6).name()));
        assertEquals(4, Set.of(s.turnHeader(), s.transcriptHeader(), s.thisTurnHeader(), s.ownMonologueHeader()).size());
        assertFalse(s.thisTurnHeader().contains("\n") || s.thisTurnHeader().contains("{"), s.thisTurnHeader());
    }

    @Test
    void thisTurnHeadersAreTranslatedNotCopied() {
        ScenarioLibrary lib = ScenarioLibrary.loadBundled();
        assertEquals(lib.languages().size(),
                lib.languages().stream().map(l -> lib.scenario(l).thisTurnHeader()).distinct().count());
        assertEquals("Said aloud so far this turn:", lib.scenario("en").thisTurnHeader());
    }

    @Test
    void languageTextsDiffer() {
        ScenarioLibrary lib = ScenarioLibrary.loadBundled();
        assertEquals(lib.languages().size(),
                lib.languages().stream().map(l -> lib.scenario(l).rules()).distinct().count());
    }

    @Test
    void unknownLanguageNamesItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioLibrary.loadBundled().scenario("xx"));
        assertTrue(e.getMessage().contains("'xx'"), e.getMessage());
        assertTrue(e.getMessage().contains("en, ja"), e.getMessage());
    }

    @Test
    void minimalFolderLoadsFromClasspath() {
        ScenarioLibrary lib = ScenarioLibrary.loadFromClasspath("scenario/minimal");
        assertEquals(Set.of("xx"), lib.languages());
        assertEquals("mini-1", lib.templateVersion());
    }

    @Test
    void brokenFileInTestResourcesGivesThePreciseMessage() {
        ScenarioLoadException e = assertThrows(ScenarioLoadException.class,
                () -> ScenarioLibrary.loadFromClasspath("scenario/broken-placeholder"));
        assertEquals(List.of("scenario/broken-placeholder/ko.yaml: events[12] lacks placeholder {silentMember}"),
                e.problems());
        assertEquals("scenario/broken-placeholder/ko.yaml: events[12] lacks placeholder {silentMember}",
                e.getMessage());
    }

    @Test
    void missingKey(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("individuation: \"Be yourself.\"\n", ""));
        assertProblem(folder, "xx.yaml: individuation is missing");
    }

    @Test
    void missingNestedKey(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("  visibleNotice: \"[{name} removed]\"\n", ""));
        assertProblem(folder, "xx.yaml: censorship.visibleNotice is missing");
    }

    @Test
    void missingThisTurnHeader(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("thisTurnHeader: \"Now:\"\n", ""));
        assertProblem(folder, "xx.yaml: thisTurnHeader is missing");
    }

    @Test
    void sectionHeadersMustDiffer(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("thisTurnHeader: \"Now:\"", "thisTurnHeader: \"Heard:\""));
        assertProblem(folder, "xx.yaml: thisTurnHeader is the same text as transcriptHeader");
    }

    @Test
    void thisTurnHeaderIsOneLineWithoutPlaceholders(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("thisTurnHeader: \"Now:\"", "thisTurnHeader: \"Now\\n{turn}:\""));
        assertProblem(folder, "xx.yaml: thisTurnHeader must be one line");
        assertProblem(folder, "xx.yaml: thisTurnHeader has unknown placeholder {turn}");
    }

    @Test
    void emptyText(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("rules: \"Rules. Silence counts as consent.\"", "rules: \"  \""));
        assertProblem(folder, "xx.yaml: rules is empty");
    }

    @Test
    void unknownKey(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx + "individuaton: typo\n");
        assertProblem(folder, "xx.yaml: individuaton is not a known key");
    }

    @Test
    void wrongPersonaCount(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("  - {name: Ivy, description: \"49, singer.\"}\n", ""));
        assertProblem(folder, "xx.yaml: personas has 9 entries; the scenario needs 10");
    }

    @Test
    void wrongEventCount(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("  - \"e15 {silentMember}\"\n", ""));
        assertProblem(folder, "xx.yaml: events has 14 entries; the scenario needs 15");
    }

    @Test
    void headerLacksPlaceholder(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("Turn {turn}/{totalTurns}:", "Turn {turn}:"));
        assertProblem(folder, "xx.yaml: turnHeader lacks placeholder {totalTurns}");
    }

    @Test
    void translatedPlaceholderIsUnknown(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("[{name} removed]", "[{nom} removed]"));
        assertProblem(folder, "xx.yaml: censorship.visibleNotice lacks placeholder {name}");
        assertProblem(folder, "xx.yaml: censorship.visibleNotice has unknown placeholder {nom}");
    }

    @Test
    void outputFormatNeedsLiteralTags(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("<monologue>...</monologue>", "<独白>...</独白>"));
        assertProblem(folder, "xx.yaml: outputFormat lacks the literal tag <monologue>");
    }

    @Test
    void versionMustMatch(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("version: mini-1", "version: mini-0"));
        assertProblem(folder, "xx.yaml: version 'mini-0' does not match templateVersion 'mini-1'");
    }

    @Test
    void listedLanguageWithoutFile(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx);
        Files.writeString(folder.resolve("scenario.yaml"),
                Files.readString(folder.resolve("scenario.yaml")).replace("[xx]", "[xx, yy]"));
        assertProblem(folder, "yy.yaml: file not found");
    }

    @Test
    void everyProblemIsReportedAtOnce(@TempDir Path dir) throws IOException {
        Path folder = mutated(dir, xx -> xx.replace("individuation: \"Be yourself.\"\n", "")
                .replace("  - \"e11 {silentMember}\"\n", "  - \"e11\"\n"));
        ScenarioLoadException e = assertThrows(ScenarioLoadException.class,
                () -> ScenarioLibrary.loadFromDirectory(folder));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("xx.yaml: events[10] lacks placeholder {silentMember}"), e.getMessage());
    }

    private static void assertProblem(Path folder, String expected) {
        ScenarioLoadException e = assertThrows(ScenarioLoadException.class,
                () -> ScenarioLibrary.loadFromDirectory(folder));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(folder + "/") && p.contains(expected)),
                () -> "expected '" + expected + "' in:\n" + e.getMessage());
    }

    /** Copies the minimal fixture into a temp dir, changing xx.yaml. */
    private static Path mutated(Path dir, UnaryOperator<String> change) throws IOException {
        Files.writeString(dir.resolve("scenario.yaml"), resource("scenario/minimal/scenario.yaml"));
        String xx = resource("scenario/minimal/xx.yaml");
        String changed = change.apply(xx);
        Files.writeString(dir.resolve("xx.yaml"), changed);
        return dir;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ScenarioLibraryTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
