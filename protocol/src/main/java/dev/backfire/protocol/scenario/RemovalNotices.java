package dev.backfire.protocol.scenario;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the visible removal notice ({@code censorship.visibleNotice}, "[Mia's statement was removed by
 * the facility.]") among the lines an agent heard, in every language of a scenario library, from the
 * scenario's own template, as a model reading its prompt would.
 *
 * <p>The match is on a folded form of both texts, so that it survives what a transcript may do to a
 * notice: Unicode NFKC (full-width brackets and letters fold to their plain forms), case folding (with the
 * sharp s and the Turkish dotted and dotless i folded too), and every
 * run of characters that are not letters, combining marks or digits (brackets, punctuation, apostrophes,
 * spaces, line breaks) reduced to one space, or to a sentence break when it holds a sentence-final mark. The
 * template's {@code {name}} slot matches any name of 1 to {@value #MAX_NAME_CHARS} characters within one
 * sentence, so a notice is recognised whoever it names. A line is a notice only when the whole line is one:
 * talk before or after it makes it talk. Immutable and thread-safe.
 */
public final class RemovalNotices {
    /** Longest name the notice's slot matches, in characters after folding; persona names are far shorter. */
    static final int MAX_NAME_CHARS = 40;
    private static final String NAME_SLOT = "{name}";
    private static final Pattern NOT_A_WORD_CHARACTER = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    /** Sentence-final marks of the supported scripts, after NFKC (which folds the full-width ones). */
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?\u3002\u0964\u0965\u061F]");
    /** Stands for a sentence end in the folded form; never a word character. */
    private static final char SENTENCE_BREAK = '|';

    private final Map<String, Pattern> byLanguage = new LinkedHashMap<>();

    public RemovalNotices(ScenarioLibrary lib) {
        for (String language : lib.languages()) {
            byLanguage.put(language, pattern(lib.scenario(language).censorshipVisibleNotice()));
        }
    }

    /**
     * Whether a line heard aloud is the language's removal notice.
     *
     * @throws IllegalArgumentException for a language the library does not have
     */
    public boolean isNotice(String language, String talk) {
        Pattern pattern = byLanguage.get(language);
        if (pattern == null) {
            throw new IllegalArgumentException("no scenario texts for language '" + language + "' (known: "
                    + byLanguage.keySet() + ")");
        }
        return talk != null && pattern.matcher(fold(talk)).matches();
    }

    /**
     * How many of the lines are removal notices.
     *
     * @throws IllegalArgumentException for a language the library does not have
     */
    public int count(String language, List<TranscriptLine> lines) {
        int notices = 0;
        for (TranscriptLine line : lines) {
            if (isNotice(language, line.talk())) {
                notices++;
            }
        }
        return notices;
    }

    /** The template's fixed text folded and quoted, with the name slot as a bounded wildcard. */
    private static Pattern pattern(String template) {
        int slot = template.indexOf(NAME_SLOT);
        if (slot < 0) {
            return Pattern.compile(Pattern.quote(fold(template)));
        }
        // Folding the two sides apart keeps the boundary at the slot: "[{name}'s" folds to "" + slot + " s".
        String before = stripEdges(foldKeepingEdges(template.substring(0, slot)), true);
        String after = stripEdges(foldKeepingEdges(template.substring(slot + NAME_SLOT.length())), false);
        return Pattern.compile(Pattern.quote(before) + "[^" + SENTENCE_BREAK + "]{1," + MAX_NAME_CHARS + "}?"
                + Pattern.quote(after));
    }

    /**
     * The folded form: NFKC, lower case, and every run of other characters one space, or one
     * {@link #SENTENCE_BREAK} when the run ends a sentence (so a name can never reach across sentences).
     */
    static String fold(String text) {
        return stripEdges(stripEdges(foldKeepingEdges(text), true), false);
    }

    private static String foldKeepingEdges(String text) {
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // What lower-casing alone does not undo: an upper-cased sharp s and the Turkish dotted and dotless i.
        lower = lower.replace("\u00DF", "ss").replace("i\u0307", "i").replace('\u0131', 'i');
        Matcher m = NOT_A_WORD_CHARACTER.matcher(lower);
        StringBuilder folded = new StringBuilder(lower.length());
        while (m.find()) {
            m.appendReplacement(folded, SENTENCE_END.matcher(m.group()).find() ? " " + SENTENCE_BREAK + " " : " ");
        }
        m.appendTail(folded);
        return folded.toString();
    }

    /** Drops the spaces and sentence breaks at the start ({@code leading}) or end of a folded text. */
    private static String stripEdges(String folded, boolean leading) {
        int start = 0;
        int end = folded.length();
        if (leading) {
            while (start < end && (folded.charAt(start) == ' ' || folded.charAt(start) == SENTENCE_BREAK)) {
                start++;
            }
        } else {
            while (end > start && (folded.charAt(end - 1) == ' ' || folded.charAt(end - 1) == SENTENCE_BREAK)) {
                end--;
            }
        }
        return folded.substring(start, end);
    }
}
