package dev.backfire.scorer;

import java.util.List;
import java.util.Map;

/**
 * One language's lexicon as written in its file, before analysis. Kept separate from the compiled form so
 * that loading (format checks with file and field in every message) and matching stay independent.
 *
 * @param source where it was read from, for messages
 * @param language the language code the file declares
 * @param version the lexicon's own version, reported with every score
 * @param analyzer the analyzer kind, one of {@link Analyzers#kinds()}
 * @param categories category name to terms, in file order
 */
record Lexicon(String source, String language, String version, String analyzer,
        Map<String, List<String>> categories) {
}
