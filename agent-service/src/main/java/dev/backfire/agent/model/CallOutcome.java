package dev.backfire.agent.model;

import dev.backfire.contracts.TurnFailure;
import dev.backfire.protocol.scenario.ParsedReply;
import java.time.Duration;

/** What became of one turn request's model call: an answer to publish, or a failure to report. */
public sealed interface CallOutcome {
    /** Retries made (transport retries plus the bad-reply retry). */
    int retries();

    /** Wall-clock time from the first attempt to the outcome, retries included. */
    Duration latency();

    /**
     * The model answered.
     *
     * @param reply  the raw reply and its accounting (of the last attempt)
     * @param parsed           talk and monologue; {@code parseFailed} if even the retry could not be split
     * @param languageMismatch the reply (even the retry) is not in the run's language
     */
    record Answered(ModelReply reply, ParsedReply parsed, boolean languageMismatch, int retries, Duration latency)
            implements CallOutcome {
    }

    /**
     * The call failed for good.
     *
     * @param kind   failure class
     * @param reason one line, credentials masked
     */
    record Failed(TurnFailure.Kind kind, String reason, int retries, Duration latency) implements CallOutcome {
    }
}
