package dev.backfire.scoring.judge;

/** A judge reply that cannot be read as a rating; the message says what was wrong and quotes the reply. */
public final class JudgeReplyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public JudgeReplyException(String message) {
        super(message);
    }
}
