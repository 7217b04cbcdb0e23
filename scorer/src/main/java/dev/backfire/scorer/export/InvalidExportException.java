package dev.backfire.scorer.export;

/** An exported file that cannot be re-scored; the message names the file, line and field. */
public final class InvalidExportException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidExportException(String message) {
        super(message);
    }
}
