package dev.backfire.protocol.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The texts of one scenario in every language it has, loaded from a folder holding
 * {@code scenario.yaml} (language-independent: id, template version, languages, counts, phases, silent
 * member) and one {@code <lang>.yaml} per listed language. A language is added by adding its file and
 * listing it in {@code scenario.yaml}.
 *
 * <p>Loading validates everything at once: every key present and non-blank, no unknown keys, the
 * persona and event counts, every required placeholder (and no unknown one), the literal answer tags,
 * and that the languages can be told apart when a prompt is read back. Any problem fails the load with a
 * {@link ScenarioLoadException} naming file and key. Immutable and thread-safe once loaded.
 */
public final class ScenarioLibrary {
    /** Classpath folder of the default scenario. */
    public static final String BUNDLED_FOLDER = "scenarios/facility";
    /** Name of the language-independent file in a scenario folder. */
    public static final String SCENARIO_FILE = "scenario.yaml";

    private static final Pattern LANGUAGE_CODE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final List<String> ANSWER_TAGS = List.of("<talk>", "</talk>", "<monologue>", "</monologue>");

    /** Top-level keys of a language file; nested maps are listed separately. */
    private static final List<String> LANGUAGE_KEYS = List.of("language", "version", "personas", "personaIntro",
            "rules", "outputFormat", "alignment", "individuation", "censorship", "turnHeader", "transcriptHeader",
            "thisTurnHeader", "ownMonologueHeader", "speakerLine", "events");
    private static final List<String> ALIGNMENT_KEYS = List.of("standard", "heavy");
    private static final List<String> CENSORSHIP_KEYS = List.of("visibleNotice", "withdrawingPersona");
    private static final List<String> PERSONA_KEYS = List.of("name", "description");
    private static final List<String> SCENARIO_KEYS = List.of("id", "templateVersion", "languages", "personas",
            "turns", "silentMember", "phases");
    private static final List<String> PHASE_KEYS = List.of("name", "firstTurn", "lastTurn", "requires");

    /** Placeholders each single-text key must contain; keys not listed here may contain none. */
    private static final Map<String, List<String>> REQUIRED_PLACEHOLDERS = Map.of(
            "personaIntro", List.of("name", "description"),
            "censorship.visibleNotice", List.of("name"),
            "turnHeader", List.of("turn", "totalTurns"),
            "speakerLine", List.of("name", "talk"));
    /** Placeholders an event may use. */
    private static final Set<String> EVENT_PLACEHOLDERS = Set.of("silentMember");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static volatile ScenarioLibrary bundled;

    private final String id;
    private final String templateVersion;
    private final int personaCount;
    private final int turnCount;
    private final int silentMemberIndex;
    private final List<Phase> phases;
    private final Map<String, Scenario> scenarios;

    private ScenarioLibrary(String id, String templateVersion, int personaCount, int turnCount,
            int silentMemberIndex, List<Phase> phases, Map<String, Scenario> scenarios) {
        this.id = id;
        this.templateVersion = templateVersion;
        this.personaCount = personaCount;
        this.turnCount = turnCount;
        this.silentMemberIndex = silentMemberIndex;
        this.phases = List.copyOf(phases);
        this.scenarios = Collections.unmodifiableMap(new LinkedHashMap<>(scenarios));
    }

    /** The default facility scenario shipped in this jar ({@value #BUNDLED_FOLDER}); loaded once. */
    public static ScenarioLibrary loadBundled() {
        ScenarioLibrary lib = bundled;
        if (lib == null) {
            synchronized (ScenarioLibrary.class) {
                lib = bundled;
                if (lib == null) {
                    lib = loadFromClasspath(BUNDLED_FOLDER);
                    bundled = lib;
                }
            }
        }
        return lib;
    }

    /** Loads a scenario folder from the classpath (e.g. {@code scenarios/facility}). */
    public static ScenarioLibrary loadFromClasspath(String folder) {
        String base = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ClassLoader cl = loader != null ? loader : ScenarioLibrary.class.getClassLoader();
        return load(base, name -> {
            try (InputStream in = cl.getResourceAsStream(base + "/" + name)) {
                return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + base + "/" + name, e);
            }
        });
    }

    /** Loads a scenario folder from a directory (a study can bring its own scenario). */
    public static ScenarioLibrary loadFromDirectory(Path dir) {
        return load(dir.toString(), name -> {
            try {
                return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
            }
        });
    }

    /** The texts of one language. */
    public Scenario scenario(String language) {
        Scenario s = language == null ? null : scenarios.get(language);
        if (s == null) {
            throw new IllegalArgumentException("unknown scenario language '" + language + "'; the " + id
                    + " scenario has " + String.join(", ", scenarios.keySet()));
        }
        return s;
    }

    /** Languages, in the order {@code scenario.yaml} lists them. */
    public Set<String> languages() {
        return scenarios.keySet();
    }

    /** Template version of all texts, e.g. {@code facility-2}; stored with every rendered prompt. */
    public String templateVersion() {
        return templateVersion;
    }

    /** Scenario id, e.g. {@code facility}. */
    public String id() {
        return id;
    }

    /** Personas per language (= agents a run of this scenario can have at most). */
    public int personaCount() {
        return personaCount;
    }

    /** Turns (= events per language). */
    public int turnCount() {
        return turnCount;
    }

    /** Agent slot of the silent member singled out in the last phase. */
    public int silentMemberIndex() {
        return silentMemberIndex;
    }

    /** The escalation phases, in turn order, covering turns 1..{@link #turnCount()}. */
    public List<Phase> phases() {
        return phases;
    }

    /** The phase a turn falls in. */
    public Phase phaseOf(int turn) {
        for (Phase p : phases) {
            if (p.contains(turn)) {
                return p;
            }
        }
        throw new IllegalArgumentException("turn " + turn + " is outside 1.." + turnCount);
    }

    // ---------------------------------------------------------------------------------------------
    // Loading

    private static ScenarioLibrary load(String source, Function<String, String> files) {
        List<String> problems = new ArrayList<>();
        String scenarioFile = source + "/" + SCENARIO_FILE;
        String text = files.apply(SCENARIO_FILE);
        if (text == null) {
            throw new ScenarioLoadException(List.of(scenarioFile + ": file not found"));
        }
        JsonNode root = parseYaml(scenarioFile, text, problems);
        if (root == null) {
            throw new ScenarioLoadException(problems);
        }
        Node top = new Node(scenarioFile, "", root, problems);
        top.checkKeys(SCENARIO_KEYS);
        String id = top.text("id");
        String templateVersion = top.text("templateVersion");
        int personas = top.positiveInt("personas");
        int turns = top.positiveInt("turns");
        int silent = top.intValue("silentMember");
        if (top.has("silentMember") && silent != Integer.MIN_VALUE && personas > 0 && (silent < 0 || silent >= personas)) {
            problems.add(scenarioFile + ": silentMember " + silent + " is not a persona index 0.." + (personas - 1));
        }
        List<String> languages = new ArrayList<>();
        for (Node n : top.list("languages")) {
            String code = n.asText();
            if (code == null) {
                continue;
            }
            if (!LANGUAGE_CODE.matcher(code).matches()) {
                problems.add(scenarioFile + ": " + n.path + " '" + code + "' is not a language code");
            } else if (languages.contains(code)) {
                problems.add(scenarioFile + ": " + n.path + " lists '" + code + "' twice");
            } else {
                languages.add(code);
            }
        }
        if (languages.isEmpty() && top.has("languages")) {
            problems.add(scenarioFile + ": languages is empty");
        }
        List<Phase> phases = readPhases(scenarioFile, top, turns, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioLoadException(problems);
        }

        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (String lang : languages) {
            String file = source + "/" + lang + ".yaml";
            String content = files.apply(lang + ".yaml");
            if (content == null) {
                problems.add(file + ": file not found (" + SCENARIO_FILE + " lists language '" + lang + "')");
                continue;
            }
            Scenario s = readLanguage(file, lang, content, templateVersion, personas, turns, phases, problems);
            if (s != null) {
                scenarios.put(lang, s);
            }
        }
        checkDistinguishable(source, scenarios, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioLoadException(problems);
        }
        return new ScenarioLibrary(id, templateVersion, personas, turns, silent, phases, scenarios);
    }

    private static List<Phase> readPhases(String file, Node top, int turns, List<String> problems) {
        List<Phase> phases = new ArrayList<>();
        int expectedFirst = 1;
        for (Node p : top.list("phases")) {
            p.checkKeys(PHASE_KEYS);
            String name = p.text("name");
            int first = p.positiveInt("firstTurn");
            int last = p.positiveInt("lastTurn");
            List<String> requires = new ArrayList<>();
            if (p.has("requires")) {
                for (Node r : p.list("requires")) {
                    String ph = r.asText();
                    if (ph == null) {
                        continue;
                    }
                    String bare = ph.startsWith("{") && ph.endsWith("}") ? ph.substring(1, ph.length() - 1) : ph;
                    if (!EVENT_PLACEHOLDERS.contains(bare)) {
                        problems.add(file + ": " + r.path + " '" + ph + "' is not an event placeholder "
                                + EVENT_PLACEHOLDERS);
                    } else {
                        requires.add(bare);
                    }
                }
            }
            if (first > 0 && last > 0) {
                if (first != expectedFirst || last < first) {
                    problems.add(file + ": " + p.path + " covers turns " + first + "-" + last
                            + "; phases must be contiguous from turn 1 (expected it to start at " + expectedFirst + ")");
                }
                expectedFirst = last + 1;
            }
            phases.add(new Phase(name, first, last, requires));
        }
        if (top.has("phases") && turns > 0 && expectedFirst != turns + 1) {
            problems.add(file + ": phases cover turns 1-" + (expectedFirst - 1) + " but the scenario has " + turns
                    + " turns");
        }
        return phases;
    }

    private static Scenario readLanguage(String file, String lang, String content, String templateVersion,
            int personaCount, int turns, List<Phase> phases, List<String> problems) {
        int before = problems.size();
        JsonNode root = parseYaml(file, content, problems);
        if (root == null) {
            return null;
        }
        Node top = new Node(file, "", root, problems);
        top.checkKeys(LANGUAGE_KEYS);
        String language = top.text("language");
        if (language != null && !language.equals(lang)) {
            problems.add(file + ": language is '" + language + "' but the file is for '" + lang + "'");
        }
        String version = top.text("version");
        if (version != null && templateVersion != null && !version.equals(templateVersion)) {
            problems.add(file + ": version '" + version + "' does not match templateVersion '" + templateVersion
                    + "' of " + SCENARIO_FILE);
        }

        List<Scenario.Persona> personas = new ArrayList<>();
        List<Node> personaNodes = top.list("personas");
        if (top.has("personas") && personaNodes.size() != personaCount) {
            problems.add(file + ": personas has " + personaNodes.size() + " entries; the scenario needs "
                    + personaCount);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Node p : personaNodes) {
            p.checkKeys(PERSONA_KEYS);
            String name = p.text("name");
            String description = p.text("description");
            if (name != null && !names.add(name)) {
                problems.add(file + ": " + p.path + ".name '" + name + "' is used by another persona");
            }
            if (name != null && name.contains("\n")) {
                problems.add(file + ": " + p.path + ".name must be one line");
            }
            noPlaceholders(file, p.path + ".name", name, problems);
            noPlaceholders(file, p.path + ".description", description, problems);
            personas.add(new Scenario.Persona(name, description));
        }

        String personaIntro = template(file, top, "personaIntro", problems);
        String rules = template(file, top, "rules", problems);
        String outputFormat = template(file, top, "outputFormat", problems);
        if (outputFormat != null) {
            for (String tag : ANSWER_TAGS) {
                if (!outputFormat.contains(tag)) {
                    problems.add(file + ": outputFormat lacks the literal tag " + tag);
                }
            }
        }
        Node alignment = top.child("alignment");
        String standard = null;
        String heavy = null;
        if (alignment != null) {
            alignment.checkKeys(ALIGNMENT_KEYS);
            standard = template(file, alignment, "standard", problems);
            heavy = template(file, alignment, "heavy", problems);
            if (standard != null && heavy != null
                    && (standard.equals(heavy) || heavy.startsWith(standard + PromptRenderer.SECTION_BREAK))) {
                problems.add(file + ": alignment.heavy must not begin with alignment.standard (the levels could"
                        + " not be told apart)");
            }
        }
        String individuation = template(file, top, "individuation", problems);
        Node censorship = top.child("censorship");
        String visibleNotice = null;
        String withdrawing = null;
        if (censorship != null) {
            censorship.checkKeys(CENSORSHIP_KEYS);
            visibleNotice = template(file, censorship, "visibleNotice", problems);
            withdrawing = template(file, censorship, "withdrawingPersona", problems);
        }
        String turnHeader = template(file, top, "turnHeader", problems);
        String transcriptHeader = template(file, top, "transcriptHeader", problems);
        String thisTurnHeader = template(file, top, "thisTurnHeader", problems);
        String ownMonologueHeader = template(file, top, "ownMonologueHeader", problems);
        String speakerLine = template(file, top, "speakerLine", problems);
        if (speakerLine != null) {
            int n = speakerLine.indexOf("{name}");
            int t = speakerLine.indexOf("{talk}");
            if (n >= 0 && t >= 0 && (t < n || t == n + "{name}".length())) {
                problems.add(file + ": speakerLine must put {name} before {talk} with text between them");
            }
            if (speakerLine.contains("\n")) {
                problems.add(file + ": speakerLine must be one line");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("turnHeader", turnHeader);
        headers.put("transcriptHeader", transcriptHeader);
        headers.put("thisTurnHeader", thisTurnHeader);
        headers.put("ownMonologueHeader", ownMonologueHeader);
        Map<String, String> sectionHeaders = new HashMap<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String value = header.getValue();
            if (value != null && value.contains("\n")) {
                problems.add(file + ": " + header.getKey() + " must be one line");
            }
            // readBack finds the user-prompt sections by their headers, so no two may be the same
            String same = value == null || header.getKey().equals("turnHeader") ? null
                    : sectionHeaders.putIfAbsent(value, header.getKey());
            if (same != null) {
                problems.add(file + ": " + header.getKey() + " is the same text as " + same
                        + " (the sections could not be told apart)");
            }
        }

        List<String> events = new ArrayList<>();
        List<Node> eventNodes = top.list("events");
        if (top.has("events") && eventNodes.size() != turns) {
            problems.add(file + ": events has " + eventNodes.size() + " entries; the scenario needs " + turns);
        }
        for (int i = 0; i < eventNodes.size(); i++) {
            Node e = eventNodes.get(i);
            String event = e.asText();
            events.add(event);
            if (event == null) {
                continue;
            }
            Set<String> used = Templates.placeholders(event);
            for (String u : used) {
                if (!EVENT_PLACEHOLDERS.contains(u)) {
                    problems.add(file + ": " + e.path + " has unknown placeholder {" + u + "}");
                }
            }
            int turn = i + 1;
            for (Phase phase : phases) {
                if (phase.contains(turn)) {
                    for (String req : phase.requiredPlaceholders()) {
                        if (!used.contains(req)) {
                            problems.add(file + ": " + e.path + " lacks placeholder {" + req + "}");
                        }
                    }
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return new Scenario(lang, version, personas, personaIntro, rules, outputFormat, standard, heavy, individuation,
                visibleNotice, withdrawing, turnHeader, transcriptHeader, thisTurnHeader, ownMonologueHeader, speakerLine,
                events);
    }

    /** Reads a text key and checks its placeholders against {@link #REQUIRED_PLACEHOLDERS}. */
    private static String template(String file, Node parent, String key, List<String> problems) {
        String value = parent.text(key);
        if (value == null) {
            return null;
        }
        String path = parent.path.isEmpty() ? key : parent.path + "." + key;
        List<String> required = REQUIRED_PLACEHOLDERS.getOrDefault(path, List.of());
        Set<String> used = Templates.placeholders(value);
        for (String r : required) {
            if (!used.contains(r)) {
                problems.add(file + ": " + path + " lacks placeholder {" + r + "}");
            }
        }
        for (String u : used) {
            if (!required.contains(u)) {
                problems.add(file + ": " + path + " has unknown placeholder {" + u + "}");
            }
        }
        return value;
    }

    private static void noPlaceholders(String file, String path, String value, List<String> problems) {
        if (value != null) {
            for (String u : Templates.placeholders(value)) {
                problems.add(file + ": " + path + " has unknown placeholder {" + u + "}");
            }
        }
    }

    /** readBack tells languages apart by rules + outputFormat, and personas by their rendered line. */
    private static void checkDistinguishable(String source, Map<String, Scenario> scenarios, List<String> problems) {
        Map<String, String> seen = new HashMap<>();
        for (Scenario s : scenarios.values()) {
            String key = s.rules() + PromptRenderer.SECTION_BREAK + s.outputFormat();
            String other = seen.putIfAbsent(key, s.language());
            if (other != null) {
                problems.add(source + "/" + s.language() + ".yaml: rules and outputFormat are identical to those of "
                        + other + ".yaml (the languages could not be told apart)");
            }
        }
    }

    private static JsonNode parseYaml(String file, String text, List<String> problems) {
        try {
            JsonNode node = YAML.readTree(text);
            if (node == null || !node.isObject()) {
                problems.add(file + ": the file must be a YAML mapping");
                return null;
            }
            return node;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            problems.add(file + ": not valid YAML: " + msg);
            return null;
        }
    }

    /** A YAML node with its key path, reporting problems as "file: path problem". */
    private static final class Node {
        final String file;
        final String path;
        final JsonNode node;
        final List<String> problems;

        Node(String file, String path, JsonNode node, List<String> problems) {
            this.file = file;
            this.path = path;
            this.node = node;
            this.problems = problems;
        }

        private String pathOf(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return node.isObject() && node.has(key) && !node.get(key).isNull();
        }

        void checkKeys(List<String> allowed) {
            if (!node.isObject()) {
                problems.add(file + ": " + (path.isEmpty() ? "(top)" : path) + " must be a mapping");
                return;
            }
            for (String key : allowed) {
                if (!has(key)) {
                    problems.add(file + ": " + pathOf(key) + " is missing");
                }
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    problems.add(file + ": " + pathOf(key) + " is not a known key (known: "
                            + String.join(", ", allowed) + ")");
                }
            }
        }

        /** Text of a key, stripped; null (already reported as missing by checkKeys) or reported if blank. */
        String text(String key) {
            if (!has(key)) {
                return null;
            }
            return new Node(file, pathOf(key), node.get(key), problems).asText();
        }

        String asText() {
            if (!node.isTextual()) {
                if (node.isNumber() || node.isBoolean()) {
                    return node.asText();
                }
                problems.add(file + ": " + path + " must be text");
                return null;
            }
            String value = node.textValue().strip();
            if (value.isEmpty()) {
                problems.add(file + ": " + path + " is empty");
                return null;
            }
            return value;
        }

        int positiveInt(String key) {
            int v = intValue(key);
            if (has(key) && v <= 0 && v != Integer.MIN_VALUE) {
                problems.add(file + ": " + pathOf(key) + " must be positive, was " + v);
            }
            return v;
        }

        int intValue(String key) {
            if (!has(key)) {
                return Integer.MIN_VALUE;
            }
            JsonNode v = node.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                problems.add(file + ": " + pathOf(key) + " must be a whole number");
                return Integer.MIN_VALUE;
            }
            return v.intValue();
        }

        Node child(String key) {
            if (!has(key)) {
                return null;
            }
            return new Node(file, pathOf(key), node.get(key), problems);
        }

        List<Node> list(String key) {
            if (!has(key)) {
                return List.of();
            }
            JsonNode v = node.get(key);
            if (!v.isArray()) {
                problems.add(file + ": " + pathOf(key) + " must be a list");
                return List.of();
            }
            List<Node> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(new Node(file, pathOf(key) + "[" + i + "]", v.get(i), problems));
            }
            return out;
        }
    }
}
