package dev.backfire.scorer.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.backfire.scorer.TextScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-labelled challenge sentences, one file per language ({@code validation/<language>.yaml} on the
 * classpath): each sentence with the number of expressions of each category a human coder counts in it.
 * Unlike the synthetic corpus, these are not written to match the lexicon; they test inflection,
 * normalization, segmentation and near misses, so a scorer can fall short on them.
 */
public final class ChallengeSet {
    /** The label printed with every result computed on these sentences. */
    public static final String GROUND_TRUTH = "HAND-LABELLED challenge sentences (inflection, normalization, "
            + "segmentation, near misses)";
    /** Where the bundled sentences live on the classpath. */
    public static final String BUNDLED_DIRECTORY = "validation";
    static final String FIELD_LANGUAGE = "language";
    static final String FIELD_SENTENCES = "sentences";
    static final String FIELD_TEXT = "text";
    static final String FIELD_HITS = "hits";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChallengeSet() {
    }

    /**
     * The bundled sentences of every language the bundled scorer knows, language to sentences.
     *
     * @throws IllegalStateException when a language's file is missing
     * @throws IllegalArgumentException when a file is malformed, naming it, the sentence and the field
     */
    public static Map<String, List<Validator.Labelled>> loadBundled() {
        Map<String, List<Validator.Labelled>> sets = new TreeMap<>();
        for (String language : TextScorer.loadBundled().languages()) {
            String name = BUNDLED_DIRECTORY + "/" + language + ".yaml";
            try (InputStream in = ChallengeSet.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("no challenge sentences for '" + language + "' at classpath "
                            + name);
                }
                sets.put(language, read(name, in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name, e);
            }
        }
        return sets;
    }

    /**
     * Scores the sentences of the given languages and tallies them against their labels.
     *
     * @throws IllegalArgumentException for a language without sentences or without a lexicon
     */
    public static Report validate(TextScorer scorer, Map<String, List<Validator.Labelled>> sets,
            Collection<String> languages) {
        List<Validator.Labelled> texts = new ArrayList<>();
        for (String language : languages) {
            List<Validator.Labelled> set = sets.get(language);
            if (set == null) {
                throw new IllegalArgumentException("no challenge sentences for language '" + language
                        + "'; known: " + sets.keySet());
            }
            texts.addAll(set);
        }
        return Validator.validate(scorer, texts, GROUND_TRUTH);
    }

    static List<Validator.Labelled> read(String source, InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.hasNonNull(FIELD_LANGUAGE) || !root.path(FIELD_SENTENCES).isArray()) {
            throw new IllegalArgumentException(source + ": needs the fields '" + FIELD_LANGUAGE + "' and '"
                    + FIELD_SENTENCES + "' (a list)");
        }
        String language = root.get(FIELD_LANGUAGE).asText();
        List<Validator.Labelled> sentences = new ArrayList<>();
        int index = 0;
        for (JsonNode sentence : root.get(FIELD_SENTENCES)) {
            String where = source + ": " + FIELD_SENTENCES + "[" + index++ + "]";
            if (!sentence.path(FIELD_TEXT).isTextual() || sentence.get(FIELD_TEXT).asText().isBlank()) {
                throw new IllegalArgumentException(where + "." + FIELD_TEXT + " must be a non-blank text");
            }
            Map<String, Integer> hits = new TreeMap<>();
            int protective = 0;
            for (Map.Entry<String, JsonNode> hit : sentence.path(FIELD_HITS).properties()) {
                if (!hit.getValue().canConvertToInt() || hit.getValue().asInt() < 0) {
                    throw new IllegalArgumentException(where + "." + FIELD_HITS + "." + hit.getKey()
                            + " must be a whole number >= 0: " + hit.getValue());
                }
                if (hit.getKey().equals(TextScorer.PROTECTIVE)) {
                    throw new IllegalArgumentException(where + "." + FIELD_HITS + ".protective is the sum of "
                            + "the protective.* sub-categories; label those instead");
                }
                hits.put(hit.getKey(), hit.getValue().asInt());
                if (hit.getKey().startsWith(TextScorer.PROTECTIVE + TextScorer.SUBCATEGORY_SEPARATOR)) {
                    protective += hit.getValue().asInt();
                }
            }
            hits.put(TextScorer.PROTECTIVE, protective);
            sentences.add(new Validator.Labelled(language, sentence.get(FIELD_TEXT).asText(), "", hits));
        }
        return List.copyOf(sentences);
    }
}
