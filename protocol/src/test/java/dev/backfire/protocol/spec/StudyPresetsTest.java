package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every preset in {@code studies/} is a valid spec and is listed in the README, and the README's example parses. */
class StudyPresetsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path STUDIES = ROOT.resolve("studies");

    static List<String> presets() throws IOException {
        try (Stream<Path> files = Files.walk(STUDIES)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json"))
                    .map(f -> ROOT.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void everyPresetIsAValidSpecListedInTheReadme(String preset) throws IOException {
        StudySpec spec = assertDoesNotThrow(() -> new StudySpecParser().parse(Files.readAllBytes(ROOT.resolve(preset))),
                preset);
        assertTrue(spec.runCount() > 0, preset);
        assertTrue(readme().contains("`" + preset + "`"), preset + " is missing from the README's presets table");
    }

    @Test
    void presetsHaveDistinctNamesAndCoverTheNewSettings() throws Exception {
        Set<String> names = new HashSet<>();
        Set<StudySpec.TurnOrder> orders = new HashSet<>();
        Set<StudySpec.CensorshipMode> modes = new HashSet<>();
        for (String preset : presets()) {
            StudySpec spec = new StudySpecParser().parse(Files.readAllBytes(ROOT.resolve(preset)));
            assertTrue(names.add(spec.name()), "two presets are named " + spec.name());
            orders.add(spec.turnOrder());
            modes.add(spec.censorship().mode());
        }
        assertTrue(names.size() >= 14, names.toString());
        assertEquals(Set.of(StudySpec.TurnOrder.values()), orders);
        assertEquals(Set.of(StudySpec.CensorshipMode.values()), modes);
    }

    @Test
    void theReadmeSpecExampleParsesAndShowsEveryNewField() throws Exception {
        Matcher m = Pattern.compile("```yaml\n(apiVersion: backfire/v1\n.*?)```", Pattern.DOTALL).matcher(readme());
        assertTrue(m.find(), "the README has no spec example");
        String example = m.group(1);
        StudySpec spec = new StudySpecParser().parse(example);
        assertEquals("study1-mini", spec.name());
        for (String field : List.of("turnOrder:", "withdrawingPersona", "maxCostUsd:", "maxTotalTokens:")) {
            assertTrue(example.contains(field), "the README's spec example does not show " + field);
        }
    }
}
