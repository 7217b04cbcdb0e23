package dev.backfire.scoring.judge;

import dev.backfire.scorer.agreement.CohensKappa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Agreement of the lexicon scorer with the judge, per language and category: Cohen's kappa of the two
 * raters' presence of the category in each message (present = at least one hit). Presence rather than
 * counts, because the judge and the lexicon segment speech into expressions differently and a count
 * difference of one is not a disagreement about what was said. Plain collector; not thread-safe.
 */
public final class JudgeAgreement {
    /** The categories reported: {@code protective} and the leaf categories of {@link JudgeRating}. */
    public static final List<String> CATEGORIES;

    static {
        List<String> categories = new ArrayList<>();
        categories.add(JudgeRating.PROTECTIVE);
        categories.addAll(JudgeRating.CATEGORIES);
        CATEGORIES = List.copyOf(categories);
    }

    private final Map<String, List<boolean[]>> lexicon = new TreeMap<>();
    private final Map<String, List<boolean[]>> judge = new TreeMap<>();
    private final Map<String, Integer> unreadable = new TreeMap<>();

    /** Kappa of one category in one language, with how often each rater said "present". */
    public record Cell(Double kappa, double observed, double expected, int lexiconPresent, int judgePresent) {
    }

    /** One language's agreement: messages rated, replies the judge gave that could not be read, cells. */
    public record Language(int messages, int unreadableReplies, Map<String, Cell> categories) {
    }

    /**
     * Adds one message.
     *
     * @param lexiconHits the scorer's hits per category over both channels
     */
    public void add(String language, Map<String, Integer> lexiconHits, JudgeRating rating) {
        boolean[] l = new boolean[CATEGORIES.size()];
        boolean[] j = new boolean[CATEGORIES.size()];
        for (int i = 0; i < CATEGORIES.size(); i++) {
            l[i] = lexiconHits.getOrDefault(CATEGORIES.get(i), 0) > 0;
            j[i] = rating.present(CATEGORIES.get(i));
        }
        lexicon.computeIfAbsent(language, k -> new ArrayList<>()).add(l);
        judge.computeIfAbsent(language, k -> new ArrayList<>()).add(j);
    }

    /** Records a message the judge answered with something that is not a rating (it is left out of kappa). */
    public void addUnreadable(String language) {
        unreadable.merge(language, 1, Integer::sum);
    }

    /** The agreement per language; a kappa is null where it is undefined (see {@link CohensKappa}). */
    public Map<String, Language> result() {
        Map<String, Language> out = new LinkedHashMap<>();
        java.util.Set<String> languages = new java.util.TreeSet<>(lexicon.keySet());
        languages.addAll(unreadable.keySet());
        for (String language : languages) {
            List<boolean[]> l = lexicon.getOrDefault(language, List.of());
            List<boolean[]> j = judge.getOrDefault(language, List.of());
            Map<String, Cell> cells = new LinkedHashMap<>();
            if (!l.isEmpty()) {
                for (int c = 0; c < CATEGORIES.size(); c++) {
                    boolean[] a = new boolean[l.size()];
                    boolean[] b = new boolean[l.size()];
                    int aYes = 0;
                    int bYes = 0;
                    for (int m = 0; m < l.size(); m++) {
                        a[m] = l.get(m)[c];
                        b[m] = j.get(m)[c];
                        aYes += a[m] ? 1 : 0;
                        bYes += b[m] ? 1 : 0;
                    }
                    CohensKappa.Result k = CohensKappa.of(a, b);
                    cells.put(CATEGORIES.get(c), new Cell(Double.isNaN(k.kappa()) ? null : k.kappa(), k.observed(),
                            k.expected(), aYes, bYes));
                }
            }
            out.put(language, new Language(l.size(), unreadable.getOrDefault(language, 0), cells));
        }
        return out;
    }
}
