package dev.backfire.scorer;

/**
 * A lexicon file that cannot be used. Lexicons are edited by researchers rather than programmers, so the
 * message always names the file and the field (or category and term) at fault: a scorer that started with
 * a silently skipped category would publish zeros that look like findings.
 */
public final class InvalidLexiconException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidLexiconException(String source, String field, String problem) {
        super(source + ": field '" + field + "' " + problem);
    }

    public InvalidLexiconException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
