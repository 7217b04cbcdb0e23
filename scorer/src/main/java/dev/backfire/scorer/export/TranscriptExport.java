package dev.backfire.scorer.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study's {@code transcripts.jsonl} as {@code ./backfire run} writes it (the orchestrator's export): a
 * stamp line, then one line per message.
 *
 * @param studyId the study
 * @param lockHash its preregistration lock
 * @param model the study's model
 * @param synthetic whether the transcripts come from the synthetic model
 * @param label the export's label (SYNTHETIC or the model)
 * @param messages every message, in file order
 */
public record TranscriptExport(String studyId, String lockHash, String model, boolean synthetic, String label,
        List<Message> messages) {

    /** The stamp line's {@code export} field. */
    static final String EXPORT_KIND = "transcripts";
    /** A message line's field with the synthetic model's intended hits (the orchestrator's export). */
    public static final String INTENDED_HITS = "syntheticIntendedHits";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One agent's reply in one turn.
     *
     * @param runId run
     * @param language language of the run
     * @param alignmentRatio the run's aligned share
     * @param replicate the run's replicate
     * @param turn 1-based turn
     * @param agentId agent slot
     * @param aligned whether the agent carried the alignment instruction
     * @param talk public channel
     * @param monologue private channel
     * @param intendedHits the synthetic model's intended hits (field {@value #INTENDED_HITS}: category to the
     *     number of lexicon phrases it meant to write over both channels), or null when the line has none
     *     (a real model's reply, or an export from before they were kept)
     */
    public record Message(String runId, String language, double alignmentRatio, int replicate, int turn, int agentId,
            boolean aligned, String talk, String monologue, Map<String, Integer> intendedHits) {
        public Message {
            intendedHits = intendedHits == null ? null : Collections.unmodifiableMap(new TreeMap<>(intendedHits));
        }

        /** A message without intended hits. */
        public Message(String runId, String language, double alignmentRatio, int replicate, int turn, int agentId,
                boolean aligned, String talk, String monologue) {
            this(runId, language, alignmentRatio, replicate, turn, agentId, aligned, talk, monologue, null);
        }
    }

    /**
     * Reads and checks the file.
     *
     * @throws InvalidExportException naming the file, line and field of the first problem
     */
    public static TranscriptExport read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidExportException(file + ": not found (expected the transcripts.jsonl that ./backfire run"
                    + " writes)");
        } catch (MalformedInputException e) {
            throw new InvalidExportException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidExportException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return parse(lines, file.toString());
    }

    /**
     * Reads the export from its text (as the orchestrator serves it).
     *
     * @param source the name used in messages (a file or URL)
     * @throws InvalidExportException naming the source, line and field of the first problem
     */
    public static TranscriptExport parse(String text, String source) {
        return parse(text.lines().toList(), source);
    }

    private static TranscriptExport parse(List<String> lines, String file) {
        if (lines.isEmpty()) {
            throw new InvalidExportException(file + ": is empty");
        }
        JsonNode stamp = parse(file, 1, lines.get(0));
        if (!EXPORT_KIND.equals(stamp.path("export").asText())) {
            throw new InvalidExportException(file + ":line 1, field 'export': expected \"" + EXPORT_KIND
                    + "\" (the stamp line of a transcripts export)");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode m = parse(file, i + 1, lines.get(i));
            Fields f = new Fields(file, i + 1, m);
            messages.add(new Message(f.text("runId"), f.text("language"), f.number("alignmentRatio"),
                    f.integer("replicate"), f.integer("turn"), f.integer("agentId"), f.bool("aligned"),
                    f.anyText("talk"), f.anyText("monologue"), f.counts(INTENDED_HITS)));
        }
        if (messages.isEmpty()) {
            throw new InvalidExportException(file + ": has no message lines");
        }
        Fields s = new Fields(file, 1, stamp);
        return new TranscriptExport(s.text("studyId"), stamp.path("lockHash").asText(null),
                stamp.path("model").asText(null), s.bool("synthetic"), stamp.path("label").asText(null),
                List.copyOf(messages));
    }

    private static JsonNode parse(String file, int line, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidExportException(file + ":line " + line + ": not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidExportException(file + ":line " + line + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Typed access to one line's fields, each failure naming file, line and field. */
    private record Fields(String file, int line, JsonNode node) {
        String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw problem(field, "must be a non-blank text", v);
            }
            return v.asText();
        }

        String anyText(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) {
                throw problem(field, "must be a text", v);
            }
            return v.asText();
        }

        double number(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isNumber()) {
                throw problem(field, "must be a number", v);
            }
            return v.asDouble();
        }

        int integer(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
                throw problem(field, "must be a whole number", v);
            }
            return v.asInt();
        }

        /** A mapping of names to whole numbers >= 0, or null when the field is absent or null. */
        Map<String, Integer> counts(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isObject()) {
                throw problem(field, "must be a mapping of categories to counts", v);
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                    throw problem(field + "." + e.getKey(), "must be a whole number >= 0", e.getValue());
                }
                counts.put(e.getKey(), e.getValue().asInt());
            }
            return counts;
        }

        boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isBoolean()) {
                throw problem(field, "must be true or false", v);
            }
            return v.asBoolean();
        }

        private InvalidExportException problem(String field, String what, JsonNode value) {
            return new InvalidExportException(file + ":line " + line + ", field '" + field + "': " + what
                    + (value == null ? " (missing)" : ", got " + value));
        }
    }
}
