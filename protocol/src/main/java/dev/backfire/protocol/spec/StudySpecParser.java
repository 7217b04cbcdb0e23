package dev.backfire.protocol.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.synthetic.SettableParameters;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a study spec (YAML or JSON) and validates it completely: every problem is reported at once,
 * each with the line and the field path, and nothing is built unless the whole spec is valid.
 * Thread-safe.
 */
public final class StudySpecParser {
    public static final String API_VERSION = "backfire/v1";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private static final Set<String> TOP = Set.of("apiVersion", "name", "description", "design", "interventions",
            "model", "seed", "limits", "analysis", "context");
    private static final Set<String> DESIGN = Set.of("languages", "alignmentRatios", "replicates", "agents", "turns",
            "turnOrder");
    private static final Set<String> INTERVENTIONS = Set.of("alignmentLevel", "individuation", "censorship");
    private static final Set<String> INDIVIDUATION = Set.of("agents");
    private static final Set<String> CENSORSHIP = Set.of("mode", "agent");
    private static final Set<String> CONTEXT = Set.of("transcriptTurns", "ownMonologue");
    private static final Set<String> MODEL = Set.of("name", "temperature", "maxTokens", "slots", "synthetic");
    private static final Set<String> LIMITS = Set.of("maxConcurrentRuns", "maxTotalTokens", "maxCostUsd");
    private static final Map<String, StudySpec.CensorshipMode> CENSORSHIP_MODES = Arrays.stream(
            StudySpec.CensorshipMode.values()).collect(Collectors.toMap(StudySpec.CensorshipMode::specName, m -> m));
    private static final Map<String, StudySpec.TurnOrder> TURN_ORDERS = Arrays.stream(
            StudySpec.TurnOrder.values()).collect(Collectors.toMap(StudySpec.TurnOrder::specName, o -> o));
    private static final Set<String> ANALYSIS = Set.of("pdi");
    private static final Set<String> ALIGNMENT_LEVELS = Set.of("standard", "heavy");
    private static final String SYNTHETIC_PATH = "model.synthetic";

    /** Parses bytes, refusing oversized documents and invalid UTF-8 before anything else. */
    public StudySpec parse(byte[] document) throws InvalidSpecException {
        if (document.length > SpecLimits.MAX_DOCUMENT_BYTES) {
            throw error("(document)", 0, "the spec is " + document.length + " bytes; the limit is "
                    + SpecLimits.MAX_DOCUMENT_BYTES);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(document);
        try {
            return parse(decoder.decode(buffer).toString());
        } catch (CharacterCodingException e) {
            throw error("(document)", 0, "the spec is not valid UTF-8 (bad byte near offset " + buffer.position() + ")");
        }
    }

    /** Parses and validates a spec. */
    public StudySpec parse(String document) throws InvalidSpecException {
        if (document.length() > SpecLimits.MAX_DOCUMENT_BYTES) {
            throw error("(document)", 0, "the spec is larger than " + SpecLimits.MAX_DOCUMENT_BYTES + " characters");
        }
        LocatedDocument doc = LocatedDocument.parse(document);
        Reader r = new Reader(doc);
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw error("(document)", 1, "the spec must be a mapping of fields, was " + describe(root));
        }
        r.onlyKnown(root, "", TOP);

        String apiVersion = r.string(root, "apiVersion", null);
        if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
            r.fail("apiVersion", "'" + apiVersion + "' is not supported; use '" + API_VERSION + "'");
        }
        String name = r.string(root, "name", null);
        if (name != null && (!NAME.matcher(name).matches() || name.length() > SpecLimits.MAX_NAME_LENGTH)) {
            r.fail("name", "'" + name + "' must be lower-case letters, digits and '-', at most "
                    + SpecLimits.MAX_NAME_LENGTH + " characters");
        }
        String description = r.optionalString(root, "description", "");

        JsonNode design = r.object(root, "design", true);
        List<String> languages = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int replicates = 0;
        int agents = SpecDefaults.AGENTS;
        int turns = SpecDefaults.TURNS;
        StudySpec.TurnOrder turnOrder = StudySpec.TurnOrder.SIMULTANEOUS;
        if (design != null) {
            r.onlyKnown(design, "design", DESIGN);
            languages = r.languages(design, "design.languages");
            agents = r.integer(design, "design", "agents", SpecDefaults.AGENTS, SpecLimits.MIN_AGENTS,
                    SpecLimits.MAX_AGENTS);
            turns = r.integer(design, "design", "turns", SpecDefaults.TURNS, SpecLimits.MIN_TURNS,
                    SpecLimits.MAX_TURNS);
            ratios = r.ratios(design, "design.alignmentRatios", agents);
            replicates = r.integer(design, "design", "replicates", null, SpecLimits.MIN_REPLICATES,
                    SpecLimits.MAX_REPLICATES);
            turnOrder = r.choice(design, "design.turnOrder", TURN_ORDERS, StudySpec.TurnOrder.SIMULTANEOUS);
        }

        String level = SpecDefaults.ALIGNMENT_LEVEL;
        int individuated = 0;
        StudySpec.Censorship censorship = StudySpec.Censorship.NONE;
        JsonNode interventions = r.object(root, "interventions", false);
        if (interventions != null) {
            r.onlyKnown(interventions, "interventions", INTERVENTIONS);
            level = r.optionalString(interventions, "interventions.alignmentLevel", SpecDefaults.ALIGNMENT_LEVEL);
            if (!ALIGNMENT_LEVELS.contains(level)) {
                r.fail("interventions.alignmentLevel", "'" + level + "' is not one of " + ALIGNMENT_LEVELS);
            }
            JsonNode individuation = r.object(interventions, "individuation", false, "interventions.individuation");
            if (individuation != null) {
                r.onlyKnown(individuation, "interventions.individuation", INDIVIDUATION);
                individuated = r.integer(individuation, "interventions.individuation", "agents", null, 0, agents);
            }
            JsonNode censor = r.object(interventions, "censorship", false, "interventions.censorship");
            if (censor != null) {
                r.onlyKnown(censor, "interventions.censorship", CENSORSHIP);
                StudySpec.CensorshipMode parsedMode = r.choice(censor, "interventions.censorship.mode",
                        CENSORSHIP_MODES, StudySpec.CensorshipMode.NONE);
                int agent = r.integer(censor, "interventions.censorship", "agent", SpecDefaults.CENSORED_AGENT, 0,
                        agents - 1);
                censorship = new StudySpec.Censorship(parsedMode, agent);
            }
        }

        StudySpec.ContextPolicy context = StudySpec.ContextPolicy.DEFAULT;
        JsonNode contextNode = r.object(root, "context", false);
        if (contextNode != null) {
            r.onlyKnown(contextNode, "context", CONTEXT);
            int turnsShown = r.integer(contextNode, "context", "transcriptTurns",
                    StudySpec.ContextPolicy.DEFAULT.transcriptTurns(), 0, turns);
            boolean own = r.bool(contextNode, "context", "ownMonologue", StudySpec.ContextPolicy.DEFAULT.ownMonologue());
            context = new StudySpec.ContextPolicy(turnsShown, own);
        }

        String modelName = SpecDefaults.MODEL;
        double temperature = SpecDefaults.TEMPERATURE;
        int maxTokens = SpecDefaults.MAX_TOKENS;
        Map<Integer, String> slots = new java.util.TreeMap<>();
        JsonNode model = r.object(root, "model", false);
        if (model != null) {
            r.onlyKnown(model, "model", MODEL);
            modelName = r.optionalString(model, "model.name", SpecDefaults.MODEL);
            temperature = r.number(model, "model", "temperature", SpecDefaults.TEMPERATURE, 0.0,
                    SpecLimits.MAX_TEMPERATURE);
            maxTokens = r.integer(model, "model", "maxTokens", SpecDefaults.MAX_TOKENS, 1, SpecLimits.MAX_TOKENS_CAP);
            JsonNode slotNode = r.object(model, "slots", false, "model.slots");
            if (slotNode != null) {
                final int agentCount = agents;
                slotNode.fields().forEachRemaining(e -> {
                    String path = "model.slots." + e.getKey();
                    int slot;
                    try {
                        slot = Integer.parseInt(e.getKey());
                    } catch (NumberFormatException ex) {
                        r.fail(path, "'" + e.getKey() + "' is not an agent slot (0.." + (agentCount - 1) + ")");
                        return;
                    }
                    if (slot < 0 || slot >= agentCount) {
                        r.fail(path, "agent slot " + slot + " is outside 0.." + (agentCount - 1));
                    } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                        r.fail(path, "must name a model, was " + describe(e.getValue()));
                    } else {
                        slots.put(slot, e.getValue().asText());
                    }
                });
            }
        }

        Map<String, Double> synthetic = new TreeMap<>();
        if (model != null) {
            JsonNode syntheticNode = r.object(model, "synthetic", false, SYNTHETIC_PATH);
            if (syntheticNode != null) {
                r.syntheticParameters(syntheticNode, "", SYNTHETIC_PATH, synthetic);
                StudySpec.ModelSpec models = new StudySpec.ModelSpec(modelName, temperature, maxTokens, slots);
                if (!models.usesSynthetic(agents)) {
                    r.fail(SYNTHETIC_PATH, "no agent slot uses the synthetic model ('" + StudySpec.ModelSpec.SYNTHETIC
                            + "'), so these parameters would have no effect");
                }
            }
        }

        long seed = r.longValue(root, "seed", SpecDefaults.SEED);

        int maxConcurrent = SpecDefaults.MAX_CONCURRENT_RUNS;
        long maxTotalTokens = 0;
        BigDecimal maxCostUsd = BigDecimal.ZERO;
        JsonNode limits = r.object(root, "limits", false);
        if (limits != null) {
            r.onlyKnown(limits, "limits", LIMITS);
            maxConcurrent = r.integer(limits, "limits", "maxConcurrentRuns", SpecDefaults.MAX_CONCURRENT_RUNS, 1,
                    SpecLimits.MAX_CONCURRENT_RUNS);
            maxTotalTokens = r.longValue(limits, "maxTotalTokens", 0, "limits.maxTotalTokens");
            if (maxTotalTokens < 0) {
                r.fail("limits.maxTotalTokens", "must be 0 (no cap) or positive, was " + maxTotalTokens);
            }
            maxCostUsd = r.dollars(limits, "limits.maxCostUsd", SpecLimits.MAX_COST_USD);
        }

        Map<String, Double> pdi = new LinkedHashMap<>();
        JsonNode analysis = r.object(root, "analysis", false);
        if (analysis != null) {
            r.onlyKnown(analysis, "analysis", ANALYSIS);
            JsonNode pdiNode = r.object(analysis, "pdi", false, "analysis.pdi");
            if (pdiNode != null) {
                pdiNode.fields().forEachRemaining(e -> {
                    String path = "analysis.pdi." + e.getKey();
                    if (!SpecLimits.KNOWN_LANGUAGES.contains(e.getKey())) {
                        r.fail(path, "unknown language '" + e.getKey() + "'");
                    } else if (!e.getValue().isNumber() || e.getValue().asDouble() < 0
                            || e.getValue().asDouble() > 120) {
                        r.fail(path, "must be a number in [0, 120], was " + describe(e.getValue()));
                    } else {
                        pdi.put(e.getKey(), e.getValue().asDouble());
                    }
                });
            }
        }

        if (r.errors.isEmpty() && (long) languages.size() * ratios.size() * replicates > SpecLimits.MAX_RUNS) {
            r.fail("design", "expands to " + (long) languages.size() * ratios.size() * replicates
                    + " runs; the limit is " + SpecLimits.MAX_RUNS);
        }
        if (!r.errors.isEmpty()) {
            throw new InvalidSpecException(r.errors);
        }
        return new StudySpec(apiVersion, name, description, List.copyOf(languages), List.copyOf(ratios), replicates,
                agents, turns, level, new StudySpec.ModelSpec(modelName, temperature, maxTokens, slots, synthetic),
                seed, maxConcurrent, Map.copyOf(pdi), individuated, censorship, context, maxTotalTokens, turnOrder,
                maxCostUsd);
    }

    private static InvalidSpecException error(String field, int line, String message) {
        return new InvalidSpecException(List.of(new SpecError(field, line, message)));
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.toString();
    }

    /** Collects errors while reading fields; one instance per parse. */
    private static final class Reader {
        private final LocatedDocument doc;
        private final List<SpecError> errors = new ArrayList<>();

        Reader(LocatedDocument doc) {
            this.doc = doc;
        }

        void fail(String path, String message) {
            int line = doc.lineOf(path);
            if (line == 0 && path.contains(".")) {
                line = doc.lineOf(path.substring(0, path.lastIndexOf('.')));
            }
            errors.add(new SpecError(path, line, message));
        }

        void onlyKnown(JsonNode node, String path, Set<String> known) {
            node.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    fail(path.isEmpty() ? field : path + "." + field,
                            "unknown field '" + field + "' (known: " + String.join(", ", sorted(known)) + ")");
                }
            });
        }

        private static List<String> sorted(Set<String> set) {
            return set.stream().sorted().toList();
        }

        String string(JsonNode parent, String field, String fallback) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                fail(field, "is required");
                return fallback;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                fail(field, "must be a non-empty text, was " + describe(node));
                return fallback;
            }
            return node.asText();
        }

        String optionalString(JsonNode parent, String path, String fallback) {
            JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isTextual()) {
                fail(path, "must be a text, was " + describe(node));
                return fallback;
            }
            return node.asText();
        }

        JsonNode object(JsonNode parent, String field, boolean required) {
            return object(parent, field, required, field);
        }

        JsonNode object(JsonNode parent, String field, boolean required, String path) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    fail(path, "is required");
                }
                return null;
            }
            if (!node.isObject()) {
                fail(path, "must be a mapping, was " + describe(node));
                return null;
            }
            return node;
        }

        int integer(JsonNode parent, String parentPath, String field, Integer fallback, int min, int max) {
            String path = parentPath + "." + field;
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                if (fallback == null) {
                    fail(path, "is required");
                    return 0;
                }
                return fallback;
            }
            if (!node.isIntegralNumber()) {
                fail(path, "must be a whole number, was " + describe(node));
                return fallback == null ? 0 : fallback;
            }
            long value = node.asLong();
            if (value < min || value > max) {
                fail(path, "must be between " + min + " and " + max + ", was " + value);
                return fallback == null ? 0 : fallback;
            }
            return (int) value;
        }

        double number(JsonNode parent, String parentPath, String field, double fallback, double min, double max) {
            String path = parentPath + "." + field;
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
                fail(path, "must be a number between " + min + " and " + max + ", was " + describe(node));
                return fallback;
            }
            return node.asDouble();
        }

        long longValue(JsonNode parent, String field, long fallback) {
            return longValue(parent, field, fallback, field);
        }

        long longValue(JsonNode parent, String field, long fallback, String path) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                fail(path, "must be a whole number, was " + describe(node));
                return fallback;
            }
            return node.asLong();
        }

        /** One of a fixed set of words; the error lists them. */
        <T> T choice(JsonNode parent, String path, Map<String, T> choices, T fallback) {
            JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
            if (node == null || node.isNull()) {
                return fallback;
            }
            List<String> known = choices.keySet().stream().sorted().toList();
            T value = node.isTextual() ? choices.get(node.asText()) : null;
            if (value == null) {
                fail(path, (node.isTextual() ? "'" + node.asText() + "' is not one of " : "must be one of ")
                        + known + (node.isTextual() ? "" : ", was " + describe(node)));
                return fallback;
            }
            return value;
        }

        /**
         * An amount of US dollars in [0, max]; 0 when absent. The YAML number goes through a double, and
         * {@link BigDecimal#valueOf(double)} gives back its shortest decimal, so any amount written with up to
         * 15 significant digits comes out exactly as written (12.5 stays 12.5, not 12.4999...).
         */
        BigDecimal dollars(JsonNode parent, String path, BigDecimal max) {
            JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
            if (node == null || node.isNull()) {
                return BigDecimal.ZERO;
            }
            if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
                fail(path, "must be an amount of US dollars such as 25 or 12.50 (0 = no cap), was "
                        + describe(node));
                return BigDecimal.ZERO;
            }
            BigDecimal value = node.isIntegralNumber() ? BigDecimal.valueOf(node.asLong())
                    : BigDecimal.valueOf(node.asDouble());
            if (value.signum() < 0) {
                fail(path, "must be 0 (no cap) or positive, was " + value.toPlainString());
                return BigDecimal.ZERO;
            }
            if (value.compareTo(max) > 0) {
                fail(path, "must be at most " + max.toPlainString() + ", was " + value.toPlainString());
                return BigDecimal.ZERO;
            }
            return value;
        }

        boolean bool(JsonNode parent, String parentPath, String field, boolean fallback) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                fail(parentPath + "." + field, "must be true or false, was " + describe(node));
                return fallback;
            }
            return node.asBoolean();
        }

        /**
         * The synthetic model's parameters under {@code model.synthetic}, flattened to dotted names: groups
         * (escalation, sexualTopic, tendencies and within them languages and profiles) are mappings, every
         * leaf a number in its parameter's range ({@link SettableParameters}).
         */
        void syntheticParameters(JsonNode node, String name, String path, Map<String, Double> out) {
            Optional<List<String>> group = SettableParameters.namesIn(name, SpecLimits.KNOWN_LANGUAGES);
            if (group.isPresent()) {
                if (!node.isObject()) {
                    fail(path, "must be a mapping of " + String.join(", ", group.get()) + ", was " + describe(node));
                    return;
                }
                boolean languages = name.equals(SettableParameters.TENDENCIES);
                node.fields().forEachRemaining(e -> {
                    String childPath = path + "." + e.getKey();
                    if (!group.get().contains(e.getKey())) {
                        fail(childPath, "unknown " + (languages ? "language" : "field") + " '" + e.getKey()
                                + "' (known: " + String.join(", ", group.get()) + ")");
                    } else {
                        syntheticParameters(e.getValue(), name.isEmpty() ? e.getKey() : name + "." + e.getKey(),
                                childPath, out);
                    }
                });
                return;
            }
            SettableParameters.Range range = SettableParameters.range(name, SpecLimits.KNOWN_LANGUAGES)
                    .orElseThrow(() -> new IllegalStateException("no range for " + name));
            if (!node.isNumber() || !range.contains(node.asDouble())) {
                fail(path, "must be a number in " + range + ", was " + describe(node));
                return;
            }
            out.put(name, node.asDouble());
        }

        List<String> languages(JsonNode design, String path) {
            JsonNode node = design.get("languages");
            List<String> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                fail(path, "is required (a list such as [en, ja])");
                return out;
            }
            if (!node.isArray() || node.isEmpty()) {
                fail(path, "must be a non-empty list of language codes, was " + describe(node));
                return out;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String itemPath = path + "[" + i + "]";
                if (!item.isTextual()) {
                    fail(itemPath, "must be a language code, was " + describe(item));
                } else if (!SpecLimits.KNOWN_LANGUAGES.contains(item.asText())) {
                    fail(itemPath, "unknown language '" + item.asText() + "' (known: "
                            + String.join(", ", sorted(SpecLimits.KNOWN_LANGUAGES)) + ")");
                } else if (!seen.add(item.asText())) {
                    fail(itemPath, "language '" + item.asText() + "' is listed twice");
                } else {
                    out.add(item.asText());
                }
            }
            return out;
        }

        List<Double> ratios(JsonNode design, String path, int agents) {
            JsonNode node = design.get("alignmentRatios");
            List<Double> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                fail(path, "is required (a list such as [0, 0.5, 1])");
                return out;
            }
            if (!node.isArray() || node.isEmpty() || node.size() > SpecLimits.MAX_RATIOS) {
                fail(path, "must be a list of 1 to " + SpecLimits.MAX_RATIOS + " numbers, was " + describe(node));
                return out;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String itemPath = path + "[" + i + "]";
                if (!item.isNumber()) {
                    fail(itemPath, "must be a number in [0, 1], was " + describe(item));
                    continue;
                }
                double ratio = item.asDouble();
                if (!(ratio >= 0.0 && ratio <= 1.0)) {
                    fail(itemPath, "must be in [0, 1], was " + item.asText());
                } else if (Math.abs(ratio * agents - Math.rint(ratio * agents)) > SpecLimits.WHOLE_AGENT_TOLERANCE) {
                    fail(itemPath, ratio + " of " + agents + " agents is not a whole number of aligned agents");
                } else if (out.contains(ratio)) {
                    fail(itemPath, "ratio " + ratio + " is listed twice");
                } else {
                    out.add(ratio);
                }
            }
            return out;
        }
    }
}
