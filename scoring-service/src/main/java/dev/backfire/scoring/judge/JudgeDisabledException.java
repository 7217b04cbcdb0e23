package dev.backfire.scoring.judge;

/** The judge was asked to rate while {@code backfire.scoring.judge.enabled} is false. */
public final class JudgeDisabledException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public JudgeDisabledException() {
        super("the LLM judge is off: set backfire.scoring.judge.enabled=true (and its base-url, model and"
                + " BACKFIRE_JUDGE_API_KEY)");
    }
}
