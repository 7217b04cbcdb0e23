package dev.backfire.scorer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A text as the matcher sees it: the analyzed tokens, and where sentences break between them. The breaks
 * matter because analyzers discard punctuation: without them, "...as we must. Obey them and..." would
 * match the term "we must obey" across two sentences, and concatenating clean sentences could create hits
 * that no sentence contains.
 *
 * @param tokens the analyzed tokens, in order
 * @param breakBefore {@code breakBefore[i]} is true when sentence-ending punctuation or a line break
 *     separates token {@code i} from token {@code i - 1}
 */
record AnalyzedText(List<String> tokens, boolean[] breakBefore) {
    /** The analyzer field name; our analyzers do not vary by field. */
    private static final String FIELD = "text";
    /** Characters that end a sentence or an utterance, in the original (unnormalized) text. */
    private static final String SENTENCE_BREAKS = ".!?\n\r\u2026\u203C\u2047\u2048\u2049"
            + "\u3002\uFF0E\uFF01\uFF1F\uFF61";

    static AnalyzedText of(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        List<Boolean> breaks = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int previousEnd = -1;
            while (stream.incrementToken()) {
                int start = Math.min(offset.startOffset(), text.length());
                boolean boundary = previousEnd >= 0 && containsBreak(text, previousEnd, start);
                tokens.add(term.toString());
                breaks.add(boundary);
                previousEnd = Math.min(offset.endOffset(), text.length());
            }
            stream.end();
        } catch (IOException e) {
            // Analysis of an in-memory string does no I/O; this is unreachable in practice.
            throw new UncheckedIOException(e);
        }
        boolean[] breakBefore = new boolean[breaks.size()];
        for (int i = 0; i < breakBefore.length; i++) {
            breakBefore[i] = breaks.get(i);
        }
        return new AnalyzedText(List.copyOf(tokens), breakBefore);
    }

    int size() {
        return tokens.size();
    }

    boolean hasInternalBreak() {
        for (int i = 1; i < breakBefore.length; i++) {
            if (breakBefore[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsBreak(String text, int from, int to) {
        for (int i = Math.max(0, from); i < to; i++) {
            if (SENTENCE_BREAKS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
