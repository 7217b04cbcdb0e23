package dev.backfire.protocol.spec;

/** Defaults for everything a spec may leave out; the README lists the same values. */
public final class SpecDefaults {
    public static final int AGENTS = 10;
    public static final int TURNS = 15;
    public static final String ALIGNMENT_LEVEL = "standard";
    public static final String MODEL = "synthetic";
    public static final double TEMPERATURE = 0.7;
    public static final int MAX_TOKENS = 400;
    public static final long SEED = 20_260_304L;
    public static final int MAX_CONCURRENT_RUNS = 8;
    /** The facility scenario's silent member, the agent singled out in turns 10-15. */
    public static final int CENSORED_AGENT = 6;

    private SpecDefaults() {
    }
}
