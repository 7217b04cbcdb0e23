package dev.backfire.analysis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.backfire.analysis.results.StudyResults;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON form of {@link StudyResults}: pretty printed, field names as {@code study-small.expected.json}.
 *
 * <p>No NaN or infinity is ever written: the results carry none by construction, and as a last guard
 * a non-finite double would be written as {@code null}. Thread-safe (one shared, configured mapper).
 */
public final class ResultsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("finite-doubles")
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(Double.TYPE, new FiniteDoubleSerializer()));

    private ResultsJson() {
    }

    /**
     * @param results the results
     * @return pretty-printed JSON, ending without a newline
     * @throws UncheckedIOException if serialisation fails (not expected for these records)
     */
    public static String write(StudyResults results) {
        try {
            return MAPPER.writeValueAsString(results);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads results written by {@link #write}; unknown fields are ignored.
     *
     * @param json the JSON text
     * @return the results
     * @throws IllegalArgumentException if the text is not valid results JSON
     */
    public static StudyResults read(String json) {
        try {
            return MAPPER.readValue(json, StudyResults.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid results JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses any JSON text into a tree, e.g. the reference {@code study-small.expected.json}.
     *
     * @param json the JSON text
     * @return the tree
     * @throws IllegalArgumentException if the text is not valid JSON
     */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param results the results
     * @return the results as a JSON tree (the same tree {@link #write} prints)
     */
    public static JsonNode toTree(StudyResults results) {
        return tree(write(results));
    }

    /** Writes finite doubles as numbers and anything else as null. */
    private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
