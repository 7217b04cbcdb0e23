package dev.backfire.analysis;

import java.util.Objects;

/**
 * One agent in one run, summed over all its turns: a row of the agent-run CSV (ANALYSIS.md section 2).
 * Components are in the CSV's column order.
 *
 * @param runId             run identifier ({@code run_id}), unique per run within a study
 * @param language          language code of the run ({@code language}), e.g. "en"
 * @param alignmentRatio    share of aligned agents in the run ({@code alignment_ratio}), in [0, 1]
 * @param replicate         replicate number of the run's cell ({@code replicate})
 * @param agentId           agent identifier within the run ({@code agent_id})
 * @param aligned           whether this agent received the alignment instruction ({@code aligned}, 0/1)
 * @param talkWords         words in the public channel ({@code talk_words})
 * @param monologueWords    words in the private channel ({@code monologue_words})
 * @param protectiveHits    protective lexicon hits, both channels ({@code protective_hits})
 * @param harmonyHits       the protective.harmony subset ({@code harmony_hits})
 * @param sexualHits        sexual lexicon hits ({@code sexual_hits})
 * @param conformityHits    conformity lexicon hits ({@code conformity_hits})
 * @param individuationHits individuation lexicon hits ({@code individuation_hits})
 */
public record AgentRun(String runId, String language, double alignmentRatio, int replicate, String agentId,
                       boolean aligned, int talkWords, int monologueWords, int protectiveHits, int harmonyHits,
                       int sexualHits, int conformityHits, int individuationHits) {

    /**
     * Validates the row.
     *
     * @throws IllegalArgumentException if an identifier is null or blank, the ratio is not in [0, 1],
     *         or a count is negative
     */
    public AgentRun {
        requireText(runId, "runId");
        requireText(language, "language");
        requireText(agentId, "agentId");
        if (!(alignmentRatio >= 0 && alignmentRatio <= 1)) {
            throw new IllegalArgumentException("alignmentRatio must be in [0, 1], got " + alignmentRatio);
        }
        alignmentRatio = alignmentRatio + 0.0; // normalises -0.0, so ratios group by value
        requireCount(talkWords, "talkWords");
        requireCount(monologueWords, "monologueWords");
        requireCount(protectiveHits, "protectiveHits");
        requireCount(harmonyHits, "harmonyHits");
        requireCount(sexualHits, "sexualHits");
        requireCount(conformityHits, "conformityHits");
        requireCount(individuationHits, "individuationHits");
    }

    /**
     * {@code monologue_words / (talk_words + monologue_words)}, 0 when both are 0.
     *
     * @return the agent's monologue ratio in [0, 1]
     */
    public double monoRatio() {
        long total = (long) talkWords + monologueWords;
        return total == 0 ? 0.0 : monologueWords / (double) total;
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireCount(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
