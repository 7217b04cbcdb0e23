package dev.backfire.scoring.rescore;

/** The orchestrator could not be read (after retries); the message names the URL, never a key. */
public final class OrchestratorUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrchestratorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
