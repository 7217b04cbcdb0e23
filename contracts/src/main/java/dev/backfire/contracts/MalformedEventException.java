package dev.backfire.contracts;

/** An event that cannot be read: bad JSON, a missing field, an unknown schema version. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public MalformedEventException(String message) {
        super(message);
    }
}
