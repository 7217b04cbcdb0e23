package dev.backfire.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentence splitting on sentence-final marks. Replies are built from whole phrase-bank sentences, so
 * splitting a reply at these marks gives the bank sentences back, which is how the group's last turn is
 * read without a language model.
 */
final class Sentences {
    /** Sentence-final marks of the supported scripts (Latin and Japanese). */
    static final String TERMINATORS = ".!?\u3002\uFF01\uFF1F";

    private Sentences() {
    }

    static boolean isTerminator(char c) {
        return TERMINATORS.indexOf(c) >= 0;
    }

    /** The sentences of a text, each ending with its marks, trimmed; a trailing fragment is kept. */
    static List<String> split(String text) {
        List<String> sentences = new ArrayList<>();
        if (text == null) {
            return sentences;
        }
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            if (isTerminator(text.charAt(i))) {
                while (i + 1 < text.length() && isTerminator(text.charAt(i + 1))) {
                    i++;
                }
                add(sentences, text.substring(start, i + 1));
                start = i + 1;
            }
            i++;
        }
        add(sentences, text.substring(start));
        return sentences;
    }

    /** The number of sentence-final marks in a text. */
    static int terminatorCount(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isTerminator(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static void add(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
