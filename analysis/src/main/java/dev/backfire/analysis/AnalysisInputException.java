package dev.backfire.analysis;

/**
 * The input rows are unusable: a missing column, a value that is not a number, a ratio outside [0, 1],
 * a duplicate agent-run, a run whose agents disagree on language or ratio. The message is one line
 * that names the source, the line (or row), the column and the offending value, so it can be shown to
 * a user as is.
 */
public class AnalysisInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where the data came from (file name or "rows"); never null. */
    private final String source;
    /** 1-based line (CSV) or row (list) number, 0 when the problem is not tied to one line. */
    private final int line;
    /** Column name, or null. */
    private final String column;
    /** The offending raw value, or null. */
    private final String value;

    /**
     * @param source  where the data came from, e.g. a file name
     * @param line    1-based line number, or 0 when not tied to a line
     * @param column  the column name, or null
     * @param value   the offending raw value, or null
     * @param problem what is wrong, e.g. "is outside [0, 1]"
     */
    public AnalysisInputException(String source, int line, String column, String value, String problem) {
        super(format(source, line, column, value, problem));
        this.source = source == null ? "input" : source;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /**
     * @param source  where the data came from
     * @param problem what is wrong
     * @param cause   the underlying failure (e.g. an I/O error)
     */
    public AnalysisInputException(String source, String problem, Throwable cause) {
        super(format(source, 0, null, null, problem), cause);
        this.source = source == null ? "input" : source;
        this.line = 0;
        this.column = null;
        this.value = null;
    }

    private static String format(String source, int line, String column, String value, String problem) {
        StringBuilder s = new StringBuilder(source == null ? "input" : source);
        if (line > 0) {
            s.append(", line ").append(line);
        }
        if (column != null) {
            s.append(", column ").append(column);
        }
        s.append(": ");
        if (value != null) {
            s.append("value '").append(value).append("' ");
        }
        return s.append(problem).toString();
    }

    /** @return where the data came from */
    public String source() {
        return source;
    }

    /** @return the 1-based line or row number, 0 when not tied to one */
    public int line() {
        return line;
    }

    /** @return the column name, or null */
    public String column() {
        return column;
    }

    /** @return the offending raw value, or null */
    public String value() {
        return value;
    }
}
