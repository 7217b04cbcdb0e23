package dev.backfire.scoring.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the judge's reply into a {@link JudgeRating}, tolerating what chat models do around JSON: prose
 * before or after it, Markdown code fences, keys in another case or with spaces or underscores for the
 * dot, counts as numbers, numeric strings or booleans (true = 1), a wrapping object. What it cannot read
 * is an error naming what was wrong, never a guessed zero: a missing category would otherwise look like
 * agreement on "absent".
 */
public final class JudgeReplyParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of an unreadable reply is quoted in the error. */
    static final int QUOTE = 200;

    private JudgeReplyParser() {
    }

    /**
     * Parses a reply.
     *
     * @throws JudgeReplyException when no JSON object with a count for every category can be found
     */
    public static JudgeRating parse(String reply) {
        if (reply == null || reply.isBlank()) {
            throw new JudgeReplyException("the judge's reply is empty");
        }
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new JudgeReplyException("no JSON object in the judge's reply: " + quote(reply));
        }
        JsonNode root;
        try {
            root = JSON.readTree(reply.substring(start, end + 1));
        } catch (JsonProcessingException e) {
            throw new JudgeReplyException("the judge's JSON is malformed (" + e.getOriginalMessage() + "): "
                    + quote(reply));
        }
        Map<String, JsonNode> fields = normalizedFields(root);
        if (!JudgeRating.CATEGORIES.stream().allMatch(fields::containsKey) && fields.size() == 1) {
            JsonNode inner = fields.values().iterator().next();
            if (inner.isObject()) {
                fields = normalizedFields(inner);
            }
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (String category : JudgeRating.CATEGORIES) {
            JsonNode value = fields.get(category);
            if (value == null) {
                throw new JudgeReplyException("the judge's reply has no '" + category + "': " + quote(reply));
            }
            counts.put(category, count(category, value, reply));
        }
        return new JudgeRating(counts);
    }

    private static Map<String, JsonNode> normalizedFields(JsonNode node) {
        Map<String, JsonNode> fields = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey().strip().toLowerCase(Locale.ROOT).replace('_', '.').replace(' ', '.')
                    .replace('-', '.'), e.getValue());
        }
        return fields;
    }

    private static int count(String category, JsonNode value, String reply) {
        if (value.isBoolean()) {
            return value.asBoolean() ? 1 : 0;
        }
        if (value.isIntegralNumber() && value.asLong() >= 0 && value.canConvertToInt()) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().strip().matches("\\d{1,6}")) {
            return Integer.parseInt(value.asText().strip());
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText()) ? 1 : 0;
        }
        throw new JudgeReplyException("the judge's count of '" + category + "' is not a whole number >= 0: " + value
                + " in " + quote(reply));
    }

    private static String quote(String reply) {
        String flat = reply.replaceAll("\\s+", " ").strip();
        return "'" + (flat.length() > QUOTE ? flat.substring(0, QUOTE) + "..." : flat) + "'";
    }
}
