package dev.backfire.contracts;

/** The schema version each event type is written with; a reader refuses versions it does not know. */
public final class SchemaVersions {
    /** 2: {@code settings.syntheticParameters} (a version 1 request is read with none). */
    public static final int TURN_REQUEST = 2;
    /** 2: {@code languageMismatch} and {@code usage.costUsd}. */
    public static final int AGENT_MESSAGE = 2;
    public static final int MESSAGE_SCORE = 1;
    public static final int RUN_EVENT = 1;
    public static final int TURN_FAILURE = 1;

    private SchemaVersions() {
    }
}
