package dev.backfire.synthetic;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One synthetic agent's reply, with the ground truth a real model cannot give: how many phrases of each
 * lexicon category it wrote. Comparing these with the scorer's counts validates the scorer end to end.
 *
 * @param talk the public speech
 * @param monologue the private monologue (may be empty)
 * @param intendedHits category to the number of that category's phrases written in both channels, for
 *     every category of the phrase bank plus the parent {@code protective}; sorted, unmodifiable
 */
public record SyntheticReply(String talk, String monologue, Map<String, Integer> intendedHits) {
    public SyntheticReply {
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(monologue, "monologue");
        intendedHits = Collections.unmodifiableMap(new TreeMap<>(intendedHits));
    }
}
