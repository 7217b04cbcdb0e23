package dev.backfire.analysis;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and writes the agent-run CSV (one row per agent-run; columns of {@link #COLUMNS}).
 *
 * <p><b>Format.</b> UTF-8, comma separated, a header line naming the columns, RFC 4180 quoting
 * (a field with a comma, quote or line break is enclosed in double quotes, quotes doubled). Reading
 * accepts the columns in any order and ignores extra columns, LF or CRLF line ends and blank lines.
 * Writing emits exactly {@link #COLUMNS} in order, LF line ends, {@code aligned} as 0/1 and
 * {@code alignment_ratio} in its shortest plain form ({@code 0}, {@code 0.2}, {@code 1}), so a file this
 * class wrote (such as the reference data) re-reads to equal rows and re-writes byte for byte.
 *
 * <p>Every problem raises {@link AnalysisInputException} naming the source, line, column and value.
 * Stateless and thread-safe.
 */
public final class AgentRunCsv {

    /** The columns, in the order they are written. */
    public static final List<String> COLUMNS = List.of("run_id", "language", "alignment_ratio", "replicate",
            "agent_id", "aligned", "talk_words", "monologue_words", "protective_hits", "harmony_hits",
            "sexual_hits", "conformity_hits", "individuation_hits");

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final char SEPARATOR = ',';
    private static final char QUOTE = '"';
    /** A line starting with this is a comment (exports stamp their provenance this way). */
    private static final char COMMENT = '#';

    private AgentRunCsv() {
    }

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @return the rows in file order
     * @throws AnalysisInputException if the file cannot be read or any row is invalid (see
     *         {@link #read(Reader, String)})
     */
    public static List<AgentRun> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AnalysisInputException(file.toString(), "file not found", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new AnalysisInputException(file.toString(), "is not UTF-8 text", e);
        } catch (IOException | UncheckedIOException e) {
            throw new AnalysisInputException(file.toString(), "cannot read file (" + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads CSV text.
     *
     * <p>Lines starting with {@code #} are comments and ignored (exports carry their provenance there).
     *
     * <p><em>Preconditions:</em> a header with every column of {@link #COLUMNS}; each row has as many
     * fields as the header; identifiers non-empty; {@code alignment_ratio} a decimal number in [0, 1];
     * {@code replicate} an integer; {@code aligned} 0, 1, true or false; the word and hit counts
     * non-negative integers; each (run_id, agent_id) at most once; all rows of a run agree on language
     * and alignment_ratio.
     *
     * @param reader the text (not closed)
     * @param source name used in error messages, e.g. the file name
     * @return the rows in input order
     * @throws AnalysisInputException on the first violated precondition or an I/O error
     */
    public static List<AgentRun> read(Reader reader, String source) {
        StringWriter text = new StringWriter();
        try {
            reader.transferTo(text);
        } catch (IOException e) {
            throw new AnalysisInputException(source, "cannot read input (" + e + ")", e);
        }
        return parse(text.toString(), source);
    }

    /**
     * Writes rows as CSV with the header of {@link #COLUMNS}.
     *
     * @param rows the rows
     * @param out  destination (not closed)
     * @throws IOException if writing fails
     */
    public static void write(List<AgentRun> rows, Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        for (AgentRun r : rows) {
            out.write(String.join(",", quote(r.runId()), quote(r.language()), formatRatio(r.alignmentRatio()),
                    Integer.toString(r.replicate()), quote(r.agentId()), r.aligned() ? "1" : "0",
                    Integer.toString(r.talkWords()), Integer.toString(r.monologueWords()),
                    Integer.toString(r.protectiveHits()), Integer.toString(r.harmonyHits()),
                    Integer.toString(r.sexualHits()), Integer.toString(r.conformityHits()),
                    Integer.toString(r.individuationHits())));
            out.write('\n');
        }
    }

    /**
     * @param rows the rows
     * @return the CSV text {@link #write} produces
     */
    public static String toCsv(List<AgentRun> rows) {
        StringWriter out = new StringWriter();
        try {
            write(rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a StringWriter
        }
        return out.toString();
    }

    private static List<AgentRun> parse(String text, String source) {
        List<Record> records = tokenize(text, source);
        if (records.isEmpty()) {
            throw new AnalysisInputException(source, 1, null, null, "is empty: expected a header line with "
                    + String.join(",", COLUMNS));
        }
        Record header = records.get(0);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.fields.size(); i++) {
            String name = header.fields.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (index.putIfAbsent(name, i) != null) {
                throw new AnalysisInputException(source, header.line, name, null, "column appears twice in the header");
            }
        }
        List<String> missing = COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new AnalysisInputException(source, header.line, String.join(", ", missing), null,
                    "missing from the header (expected " + String.join(",", COLUMNS) + ")");
        }
        List<AgentRun> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.fields.size() != header.fields.size()) {
                throw new AnalysisInputException(source, record.line, null, null, "has " + record.fields.size()
                        + " fields but the header has " + header.fields.size());
            }
            rows.add(new RowParser(source, record, index).parse());
            lines.add(record.line);
        }
        InputChecks.validate(rows, lines::get, source);
        return rows;
    }

    /** Parses one record into an {@link AgentRun}, naming the column of any bad value. */
    private record RowParser(String source, Record record, Map<String, Integer> index) {

        AgentRun parse() {
            return new AgentRun(text("run_id"), text("language"), ratio(), integer("replicate", false),
                    text("agent_id"), bool("aligned"), integer("talk_words", true), integer("monologue_words", true),
                    integer("protective_hits", true), integer("harmony_hits", true), integer("sexual_hits", true),
                    integer("conformity_hits", true), integer("individuation_hits", true));
        }

        private String raw(String column) {
            return record.fields.get(index.get(column)).strip();
        }

        private AnalysisInputException error(String column, String value, String problem) {
            return new AnalysisInputException(source, record.line, column, value, problem);
        }

        private String text(String column) {
            String value = raw(column);
            if (value.isEmpty()) {
                throw error(column, null, "is empty");
            }
            return value;
        }

        private double ratio() {
            String value = text("alignment_ratio");
            if (!DECIMAL.matcher(value).matches()) {
                throw error("alignment_ratio", value, "is not a number");
            }
            double ratio = Double.parseDouble(value);
            if (!(ratio >= 0 && ratio <= 1)) {
                throw error("alignment_ratio", value, "is outside [0, 1]");
            }
            return ratio;
        }

        private int integer(String column, boolean count) {
            String value = text(column);
            if (!INTEGER.matcher(value).matches()) {
                throw error(column, value, "is not an integer");
            }
            int parsed;
            try {
                parsed = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw error(column, value, "is too large");
            }
            if (count && parsed < 0) {
                throw error(column, value, "is negative (counts must be >= 0)");
            }
            return parsed;
        }

        private boolean bool(String column) {
            String value = text(column);
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "1", "true" -> {
                    return true;
                }
                case "0", "false" -> {
                    return false;
                }
                default -> throw error(column, value, "is not 0, 1, true or false");
            }
        }
    }

    /** One CSV record and the line it starts on. */
    private record Record(int line, List<String> fields) {
    }

    private static List<Record> tokenize(String text, String source) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        boolean recordHasContent = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == QUOTE) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == QUOTE) {
                        field.append(QUOTE);
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == COMMENT && !recordHasContent && field.isEmpty() && fields.isEmpty()) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n' && text.charAt(i + 1) != '\r') {
                    i++;
                }
            } else if (c == QUOTE && field.isEmpty() && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
                recordHasContent = true;
            } else if (c == SEPARATOR) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                recordHasContent = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (recordHasContent || !field.isEmpty()) {
                    fields.add(field.toString());
                    records.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldWasQuoted = false;
                recordHasContent = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
                recordHasContent = true;
            }
            i++;
        }
        if (quoted) {
            throw new AnalysisInputException(source, recordLine, null, null, "has an unterminated quoted field");
        }
        if (recordHasContent || !field.isEmpty()) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    private static String quote(String value) {
        if (value.indexOf(SEPARATOR) < 0 && value.indexOf(QUOTE) < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0 && value.strip().equals(value)) {
            return value;
        }
        return QUOTE + value.replace("\"", "\"\"") + QUOTE;
    }

    /**
     * @param ratio a ratio in [0, 1]
     * @return its shortest plain decimal form: {@code 0}, {@code 0.2}, {@code 1}
     */
    static String formatRatio(double ratio) {
        return BigDecimal.valueOf(ratio).stripTrailingZeros().toPlainString();
    }
}
