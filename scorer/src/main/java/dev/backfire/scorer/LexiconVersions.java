package dev.backfire.scorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The versions of the bundled lexicons, read from their files without building any analyzer: what a
 * service that does not score (the orchestrator, taking a study's preregistration lock) needs to know of
 * the scorer that will.
 */
public final class LexiconVersions {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private LexiconVersions() {
    }

    /**
     * The version each language's bundled lexicon declares.
     *
     * @throws IllegalArgumentException naming the language when it has no bundled lexicon or its file has no
     *                                  version
     */
    public static Map<String, String> bundled(Collection<String> languages) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String language : languages) {
            String file = TextScorer.BUNDLED_DIRECTORY + "/" + language + ".yaml";
            try (InputStream in = LexiconVersions.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalArgumentException("no bundled lexicon for language '" + language + "' (" + file + ")");
                }
                JsonNode version = YAML.readTree(in).get(LexiconReader.FIELD_VERSION);
                if (version == null || !version.isTextual() || version.asText().isBlank()) {
                    throw new IllegalArgumentException(file + ": field '" + LexiconReader.FIELD_VERSION + "' is required");
                }
                versions.put(language, version.asText());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return versions;
    }
}
