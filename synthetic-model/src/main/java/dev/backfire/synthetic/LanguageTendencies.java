package dev.backfire.synthetic;

import java.util.Objects;

/**
 * What agents of one language tend to do, read from that language's phrase-bank file. The published
 * finding is a language-by-alignment interaction; the model carries it entirely in these numbers.
 *
 * @param contagionSusceptibility multiplier of {@link SyntheticParameters#contagion()} for this language:
 *     how strongly agents follow the balance of protective and conformity speech the group voiced last turn
 * @param unaligned how agents without the alignment instruction speak
 * @param aligned how agents with the alignment instruction speak
 */
public record LanguageTendencies(double contagionSusceptibility, Profile unaligned, Profile aligned) {
    public LanguageTendencies {
        if (!(contagionSusceptibility >= 0) || Double.isInfinite(contagionSusceptibility)) {
            throw new IllegalArgumentException("contagionSusceptibility must be a finite number >= 0: "
                    + contagionSusceptibility);
        }
        Objects.requireNonNull(unaligned, "unaligned");
        Objects.requireNonNull(aligned, "aligned");
    }

    /**
     * The profile of an agent.
     *
     * @param aligned whether its prompt carries the alignment instruction
     * @param alignmentEffect how far the aligned profile departs from the unaligned one, see
     *     {@link SyntheticParameters#alignmentEffect()}
     */
    public Profile profile(boolean aligned, double alignmentEffect) {
        return aligned ? Profile.between(this.unaligned, this.aligned, alignmentEffect) : unaligned;
    }
}
