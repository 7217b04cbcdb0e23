package dev.backfire.agent.model;

/** The provider answered, but not with a chat reply we can read (no message at all). */
public class BadReplyException extends RuntimeException {
    public BadReplyException(String message) {
        super(message);
    }
}
