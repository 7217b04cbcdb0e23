package dev.backfire.protocol.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML (or JSON) document as a tree, plus the line on which every field path starts, so that
 * validation can name the line of a bad value. Jackson's tree model drops locations; this keeps them.
 */
final class LocatedDocument {
    private static final YAMLFactory YAML = buildFactory();

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedDocument(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    private static YAMLFactory buildFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(SpecLimits.MAX_ALIASES);
        options.setNestingDepthLimit(SpecLimits.MAX_NESTING_DEPTH);
        options.setCodePointLimit(SpecLimits.MAX_DOCUMENT_BYTES);
        options.setAllowDuplicateKeys(false);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(SpecLimits.MAX_NESTING_DEPTH).build())
                .build();
    }

    /** Parses text; a syntax error becomes an {@link InvalidSpecException} naming the line. */
    static LocatedDocument parse(String text) throws InvalidSpecException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw single("(document)", 0, "the spec is empty");
            }
            JsonNode root = read(parser, "", lines);
            if (parser.nextToken() != null) {
                throw single("(document)", parser.currentLocation().getLineNr(),
                        "the spec must be a single document");
            }
            return new LocatedDocument(root, lines);
        } catch (InvalidSpecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int line = 0;
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
                line = jpe.getLocation().getLineNr();
                message = jpe.getOriginalMessage();
            }
            throw single("(document)", line, "not a readable YAML or JSON document: " + firstLine(message));
        }
    }

    private static JsonNode read(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    object.set(name, read(parser, child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser, path + "[" + index++ + "]", lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return JsonNodeFactory.instance.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return JsonNodeFactory.instance.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return floatNode(parser);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNodeFactory.instance.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNodeFactory.instance.nullNode();
            }
            default -> throw new IOException("unexpected " + token);
        }
    }

    /**
     * A YAML float; {@code .inf} and {@code .nan} (which Jackson cannot read as a number) are kept as text,
     * so the field's own validation refuses them by name instead of the whole document failing.
     */
    private static JsonNode floatNode(JsonParser parser) throws IOException {
        try {
            return JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
        } catch (StreamReadException | NumberFormatException e) {
            return JsonNodeFactory.instance.textNode(parser.getText());
        }
    }

    private static InvalidSpecException single(String field, int line, String message) {
        return new InvalidSpecException(java.util.List.of(new SpecError(field, line, message)));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    JsonNode root() {
        return root;
    }

    /** Line of a field path, 0 when unknown. */
    int lineOf(String path) {
        return lines.getOrDefault(path, 0);
    }
}
