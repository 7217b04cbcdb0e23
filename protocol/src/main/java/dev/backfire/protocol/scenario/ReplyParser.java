package dev.backfire.protocol.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a model reply into public talk and private monologue.
 *
 * <ol>
 *   <li>Structured output first: a JSON object with string fields {@code talk} and/or {@code monologue},
 *       as the whole reply, inside a {@code ```json} (or bare {@code ```}) fence, or embedded in other
 *       text.</li>
 *   <li>Tagged text as fallback: {@code <talk>...</talk>} and {@code <monologue>...</monologue>},
 *       case-insensitive, whitespace inside the tags tolerated; a missing closing tag ends the channel at
 *       the next opening tag or at the end of the text. If only the monologue is tagged, the text outside
 *       it is the talk.</li>
 *   <li>Otherwise {@code parseFailed}: talk is the whole trimmed reply, monologue is empty.</li>
 * </ol>
 * A channel found but missing is empty; contents are trimmed. Never throws; thread-safe.
 */
public final class ReplyParser {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*(?:json|JSON|Json)?[ \\t]*\\r?\\n?(.*?)```",
            Pattern.DOTALL);
    private static final Pattern OPEN = Pattern.compile("<\\s*(talk|monologue)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANY_TAG = Pattern.compile("<\\s*/?\\s*(?:talk|monologue)\\s*>",
            Pattern.CASE_INSENSITIVE);

    private ReplyParser() {
    }

    /** Parses a reply; {@code null} or blank gives {@code parseFailed}. */
    public static ParsedReply parse(String reply) {
        if (reply == null) {
            return new ParsedReply("", "", true);
        }
        String trimmed = reply.strip();
        try {
            ParsedReply json = fromJson(trimmed);
            if (json != null) {
                return json;
            }
            ParsedReply tagged = fromTags(trimmed);
            if (tagged != null) {
                return tagged;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // fall through: an unparseable reply is a parse failure, never an exception
        }
        return new ParsedReply(trimmed, "", true);
    }

    private static ParsedReply fromJson(String text) {
        List<String> candidates = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        if (text.startsWith("{")) {
            candidates.add(text);
        }
        int open = text.indexOf('{');
        int close = text.lastIndexOf('}');
        if (open >= 0 && close > open) {
            candidates.add(text.substring(open, close + 1));
        }
        for (String candidate : candidates) {
            String c = candidate.strip();
            if (!c.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(c);
                if (node == null || !node.isObject()) {
                    continue;
                }
                JsonNode talk = node.get("talk");
                JsonNode monologue = node.get("monologue");
                boolean hasTalk = talk != null && talk.isTextual();
                boolean hasMonologue = monologue != null && monologue.isTextual();
                if (hasTalk || hasMonologue) {
                    return new ParsedReply(hasTalk ? talk.textValue().strip() : "",
                            hasMonologue ? monologue.textValue().strip() : "", false);
                }
            } catch (Exception e) {
                // not JSON; try the next candidate
            }
        }
        return null;
    }

    private static ParsedReply fromTags(String text) {
        int[] talk = channel(text, "talk");
        int[] monologue = channel(text, "monologue");
        if (talk == null && monologue == null) {
            return null;
        }
        String monologueText = monologue == null ? "" : clean(text.substring(monologue[1], monologue[2]));
        String talkText;
        if (talk != null) {
            talkText = clean(text.substring(talk[1], talk[2]));
        } else {
            talkText = clean(text.substring(0, monologue[0]) + "\n" + text.substring(monologue[3]));
        }
        return new ParsedReply(talkText, monologueText, false);
    }

    /**
     * Finds a channel: {start of open tag, start of content, end of content, end of close tag}, or null.
     * The content ends at the channel's own closing tag, else at the next opening tag, else at the end.
     */
    private static int[] channel(String text, String name) {
        Matcher open = OPEN.matcher(text);
        while (open.find()) {
            if (!open.group(1).equalsIgnoreCase(name)) {
                continue;
            }
            int contentStart = open.end();
            Matcher close = Pattern.compile("<\\s*/\\s*" + name + "\\s*>", Pattern.CASE_INSENSITIVE)
                    .matcher(text);
            if (close.find(contentStart)) {
                Matcher nextOpen = OPEN.matcher(text);
                if (nextOpen.find(contentStart) && nextOpen.start() < close.start()) {
                    return new int[] {open.start(), contentStart, nextOpen.start(), nextOpen.start()};
                }
                return new int[] {open.start(), contentStart, close.start(), close.end()};
            }
            Matcher nextOpen = OPEN.matcher(text);
            if (nextOpen.find(contentStart)) {
                return new int[] {open.start(), contentStart, nextOpen.start(), nextOpen.start()};
            }
            return new int[] {open.start(), contentStart, text.length(), text.length()};
        }
        return null;
    }

    /** Drops stray tags (e.g. the other channel's unmatched closing tag) and trims. */
    private static String clean(String s) {
        return ANY_TAG.matcher(s).replaceAll("").strip();
    }
}
