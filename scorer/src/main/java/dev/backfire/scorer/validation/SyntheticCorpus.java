package dev.backfire.scorer.validation;

import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticReply;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded corpus of synthetic replies with the synthetic model's intended hits as labels. The messages
 * cover what the model can vary: every turn (hence every phase of the scenario), aligned and unaligned
 * agents, individuated agents, and group signals across the whole range, so that every category and both
 * channels are exercised. The labels are the model's, which is what makes them ground truth; they are
 * SYNTHETIC ground truth, because the phrase banks were written to match the lexicons (see
 * {@code PhraseBankConsistencyTest}): what this corpus measures beyond that check is how the scorer
 * behaves on sentences in context (segmentation across sentence joins, matches that could span them).
 */
public final class SyntheticCorpus {
    /** The label printed with every result computed on this corpus. */
    public static final String GROUND_TRUTH = "SYNTHETIC ground truth (intended hits of the synthetic model)";
    /** Turns of the reference scenario, so that every phase occurs. */
    static final int TURNS = 15;
    /** Agents per run in the default design. */
    static final int AGENTS = 10;
    /** Every this many messages alternate aligned and unaligned (one full scenario each). */
    static final int ALIGNMENT_BLOCK = TURNS;
    /** One message in this many comes from an individuated agent. */
    static final int INDIVIDUATED_EVERY = 4;

    private SyntheticCorpus() {
    }

    /**
     * The corpus of one language.
     *
     * @param messages number of replies
     * @param seed master seed; the same seed gives the same corpus
     * @throws IllegalArgumentException for a language without a phrase bank, or messages &lt; 1
     */
    public static List<Validator.Labelled> of(SyntheticGenerator generator, String language, int messages,
            long seed) {
        if (messages < 1) {
            throw new IllegalArgumentException("messages must be >= 1: " + messages);
        }
        generator.bankVersion(language); // fails early, naming the known languages
        SplittableRandom random = new SplittableRandom(seed ^ language.hashCode());
        List<Validator.Labelled> corpus = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            int turn = 1 + i % TURNS;
            boolean aligned = (i / ALIGNMENT_BLOCK) % 2 == 0;
            boolean individuated = random.nextInt(INDIVIDUATED_EVERY) == 0;
            double protectiveShare = turn == 1 ? 0 : random.nextDouble();
            double conformityShare = turn == 1 ? 0 : random.nextDouble() * (1 - protectiveShare);
            SyntheticReply reply = generator.reply(new SyntheticInput(language, aligned, turn, TURNS, i % AGENTS,
                    protectiveShare, conformityShare, random.nextLong(), individuated));
            corpus.add(new Validator.Labelled(language, reply.talk(), reply.monologue(), reply.intendedHits()));
        }
        return corpus;
    }
}
