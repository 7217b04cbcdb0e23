package dev.backfire.synthetic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks a phrase-bank file. A malformed bank would not fail loudly later (the model would
 * just say fewer things), so every problem is reported here with the file and the field.
 */
final class PhraseBankReader {
    static final String FILE_SUFFIX = ".yaml";
    /** Sentence separator when the file does not name one. */
    static final String DEFAULT_JOINER = " ";
    /** Characters a sentence must not contain: the agent protocol wraps channels in tags. */
    private static final String FORBIDDEN = "<>\n\r\t";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PhraseBankReader() {
    }

    static PhraseBank read(String source, InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not readable as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw error(source, "language", "is missing (the file is not a YAML mapping)");
        }
        String language = text(source, root, "language");
        String fileName = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        if (fileName.endsWith(FILE_SUFFIX) && !fileName.equals(language + FILE_SUFFIX)) {
            throw error(source, "language", "is '" + language + "' but the file must then be named "
                    + language + FILE_SUFFIX);
        }
        String version = text(source, root, "version");
        String lexiconVersion = text(source, root, "lexiconVersion");
        JsonNode joinerNode = root.get("joiner");
        String joiner = joinerNode == null || joinerNode.isNull() ? DEFAULT_JOINER : joinerNode.asText();
        LanguageTendencies tendencies = tendencies(source, node(source, root, "tendencies"));

        JsonNode phrasesNode = node(source, root, "phrases");
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = phrasesNode.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SyntheticGenerator.CATEGORIES.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw error(source, "phrases", "has categories the model does not use: " + unknown + "; known: "
                    + SyntheticGenerator.CATEGORIES);
        }
        for (String category : SyntheticGenerator.CATEGORIES) {
            phrases.put(category, sentences(source, phrasesNode, "phrases", category));
        }
        JsonNode neutral = node(source, root, "neutral");
        Map<Phase, List<String>> talk = perPhase(source, node(source, neutral, "talk", "neutral.talk"),
                "neutral.talk");
        Map<Phase, List<String>> monologue = perPhase(source,
                node(source, neutral, "monologue", "neutral.monologue"), "neutral.monologue");
        return new PhraseBank(source, language, version, lexiconVersion, joiner, tendencies,
                Collections.unmodifiableMap(phrases), talk, monologue);
    }

    private static LanguageTendencies tendencies(String source, JsonNode node) {
        double susceptibility = number(source, node, "contagionSusceptibility", "tendencies.contagionSusceptibility");
        Profile unaligned = profile(source, node(source, node, "unaligned", "tendencies.unaligned"),
                "tendencies.unaligned");
        Profile aligned = profile(source, node(source, node, "aligned", "tendencies.aligned"), "tendencies.aligned");
        try {
            return new LanguageTendencies(susceptibility, unaligned, aligned);
        } catch (IllegalArgumentException e) {
            throw error(source, "tendencies", e.getMessage());
        }
    }

    private static Profile profile(String source, JsonNode node, String path) {
        try {
            return new Profile(
                    number(source, node, "protectiveRate", path + ".protectiveRate"),
                    number(source, node, "harmonyShare", path + ".harmonyShare"),
                    number(source, node, "individualShare", path + ".individualShare"),
                    number(source, node, "privateDissentShare", path + ".privateDissentShare"),
                    number(source, node, "conformityRate", path + ".conformityRate"),
                    number(source, node, "individuationRate", path + ".individuationRate"),
                    number(source, node, "sexualRate", path + ".sexualRate"),
                    number(source, node, "monologueRatio", path + ".monologueRatio"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(source)) {
                throw e;
            }
            throw error(source, path, e.getMessage());
        }
    }

    private static Map<Phase, List<String>> perPhase(String source, JsonNode node, String path) {
        Map<Phase, List<String>> map = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            map.put(phase, sentences(source, node, path, phase.key()));
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<String> sentences(String source, JsonNode parent, String parentPath, String name) {
        String path = parentPath + "." + name;
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw error(source, path, "is missing or empty; it needs at least one sentence");
        }
        List<String> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            String sentence = item.isTextual() ? item.asText() : "";
            if (sentence.isBlank()) {
                throw error(source, path, "has a blank or non-text sentence: " + item);
            }
            if (!sentence.equals(sentence.strip())) {
                throw error(source, path, "has a sentence with surrounding whitespace: '" + sentence + "'");
            }
            if (!Sentences.isTerminator(sentence.charAt(sentence.length() - 1))
                    || Sentences.terminatorCount(sentence) != 1) {
                throw error(source, path, "has '" + sentence + "', which must end with exactly one of "
                        + Sentences.TERMINATORS + " and contain none elsewhere");
            }
            for (char c : FORBIDDEN.toCharArray()) {
                if (sentence.indexOf(c) >= 0) {
                    throw error(source, path, "has '" + sentence + "' with a forbidden character (tag or "
                            + "line break)");
                }
            }
            list.add(sentence);
        }
        return List.copyOf(list);
    }

    private static JsonNode node(String source, JsonNode parent, String field) {
        return node(source, parent, field, field);
    }

    private static JsonNode node(String source, JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw error(source, path, "is missing or not a mapping");
        }
        return node;
    }

    private static String text(String source, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isValueNode() || node.asText().isBlank()) {
            throw error(source, field, "is missing or blank");
        }
        return node.asText().strip();
    }

    private static double number(String source, JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isNumber()) {
            throw error(source, path, "is missing or not a number");
        }
        return node.asDouble();
    }

    private static IllegalArgumentException error(String source, String field, String problem) {
        return new IllegalArgumentException(source + ": field '" + field + "' " + problem);
    }
}
