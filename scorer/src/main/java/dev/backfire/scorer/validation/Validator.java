package dev.backfire.scorer.validation;

import dev.backfire.scorer.TextScore;
import dev.backfire.scorer.TextScorer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Scores labelled texts and compares the scorer's counts with the labels, per language and category. */
public final class Validator {
    private Validator() {
    }

    /**
     * One labelled text: what the scorer should find in it.
     *
     * @param language language code
     * @param talk the public channel
     * @param monologue the private channel (may be empty)
     * @param intended category to the number of hits the text carries over both channels; a category of
     *     {@link Report#CATEGORIES} that is absent means zero (so texts that should match nothing measure
     *     false positives)
     */
    public record Labelled(String language, String talk, String monologue, Map<String, Integer> intended) {
    }

    /**
     * Scores every text and tallies agreement.
     *
     * @param groundTruth what the labels are, for the report
     * @throws IllegalArgumentException for a text in a language the scorer has no lexicon for
     */
    public static Report validate(TextScorer scorer, List<Labelled> texts, String groundTruth) {
        Map<String, Map<String, Counts>> counts = new TreeMap<>();
        Map<String, Integer> messages = new TreeMap<>();
        Map<String, String> versions = new TreeMap<>();
        for (Labelled text : texts) {
            TextScore talk = scorer.score(text.language(), text.talk());
            TextScore monologue = scorer.score(text.language(), text.monologue());
            Map<String, Counts> byCategory = counts.computeIfAbsent(text.language(), l -> new LinkedHashMap<>());
            for (String category : Report.CATEGORIES) {
                int found = talk.hitsOf(category) + monologue.hitsOf(category);
                int intended = text.intended().getOrDefault(category, 0);
                byCategory.merge(category, Counts.of(found, intended), Counts::plus);
            }
            messages.merge(text.language(), 1, Integer::sum);
            versions.putIfAbsent(text.language(), scorer.lexiconVersion(text.language()));
        }
        return new Report(groundTruth, counts, messages, versions);
    }
}
