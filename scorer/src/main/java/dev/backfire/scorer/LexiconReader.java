package dev.backfire.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a lexicon file and checks its shape. Analysis-dependent checks (a term that analyzes to nothing,
 * a term shared by two sub-categories) happen when the lexicon is compiled, because they need the
 * analyzer.
 */
final class LexiconReader {
    static final String FIELD_LANGUAGE = "language";
    static final String FIELD_VERSION = "version";
    static final String FIELD_ANALYZER = "analyzer";
    static final String FIELD_CATEGORIES = "categories";
    /** File names are {@code <language>.yaml}; the declared language must agree. */
    static final String FILE_SUFFIX = ".yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LexiconReader() {
    }

    /**
     * Reads one lexicon.
     *
     * @param source the file's name or path, used in messages and checked against the declared language
     * @throws InvalidLexiconException naming the source and field when anything is missing or malformed
     */
    static Lexicon read(String source, InputStream in) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new InvalidLexiconException(source, "not readable as YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLexiconException(source, FIELD_LANGUAGE, "is missing (the file is not a YAML mapping)");
        }
        String language = text(source, root, FIELD_LANGUAGE);
        String version = text(source, root, FIELD_VERSION);
        String analyzer = text(source, root, FIELD_ANALYZER);
        if (!Analyzers.kinds().contains(analyzer)) {
            throw new InvalidLexiconException(source, FIELD_ANALYZER,
                    "names unknown analyzer '" + analyzer + "'; known: " + Analyzers.kinds());
        }
        String fileName = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        if (fileName.endsWith(FILE_SUFFIX) && !fileName.equals(language + FILE_SUFFIX)) {
            throw new InvalidLexiconException(source, FIELD_LANGUAGE,
                    "is '" + language + "' but the file must then be named " + language + FILE_SUFFIX);
        }
        JsonNode categoriesNode = root.get(FIELD_CATEGORIES);
        if (categoriesNode == null || categoriesNode.isNull()) {
            throw new InvalidLexiconException(source, FIELD_CATEGORIES, "is missing");
        }
        if (!categoriesNode.isObject() || categoriesNode.isEmpty()) {
            throw new InvalidLexiconException(source, FIELD_CATEGORIES,
                    "must be a non-empty mapping of category name to a list of terms");
        }
        Map<String, List<String>> categories = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = categoriesNode.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = FIELD_CATEGORIES + "." + entry.getKey();
            JsonNode terms = entry.getValue();
            if (terms == null || !terms.isArray() || terms.isEmpty()) {
                throw new InvalidLexiconException(source, field, "is empty; a category needs at least one term");
            }
            List<String> list = new ArrayList<>(terms.size());
            for (JsonNode term : terms) {
                if (!term.isTextual() || term.asText().isBlank()) {
                    throw new InvalidLexiconException(source, field, "has a blank or non-text term: " + term);
                }
                list.add(term.asText().strip());
            }
            categories.put(entry.getKey(), List.copyOf(list));
        }
        return new Lexicon(source, language, version, analyzer, categories);
    }

    private static String text(String source, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidLexiconException(source, field, "is missing");
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw new InvalidLexiconException(source, field, "must be a non-blank text");
        }
        return node.asText().strip();
    }
}
