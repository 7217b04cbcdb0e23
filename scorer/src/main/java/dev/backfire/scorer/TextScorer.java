package dev.backfire.scorer;

import dev.backfire.resources.BundledFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.util.Version;

/**
 * Turns an agent's text into the counts that CPI and DI are built from. The published measures are
 * keyword-dictionary based, so the dictionary and the tokenizer <em>are</em> the measurement instrument:
 * both are versioned ({@link #SCORER_VERSION}, {@link #lexiconVersion(String)}) and every score carries
 * them, and terms pass through the very analysis the text does, so an inflected or width-variant form
 * matches the term it is a form of, and Japanese is segmented into words rather than split on spaces it
 * does not have.
 *
 * <p>Languages are data: a lexicon file {@code lexicons/<language>.yaml} names an analyzer kind and lists
 * terms per category. Sub-categories named {@code parent.child} are summed into their parent, and
 * {@code protective} is always reported, because CPI and DI need it whatever a lexicon lists.
 *
 * <p>Immutable after loading and safe for concurrent use.
 */
public final class TextScorer {
    /**
     * The scoring algorithm's version: analysis chain, matching rules and word counting. Changes whenever
     * the same lexicon could give different numbers. Includes the Lucene version, whose tokenizers define
     * word boundaries.
     */
    public static final String SCORER_VERSION = "text-1.1.0+lucene-" + Version.LATEST;

    /** The parent category the analysis plan requires in every score. */
    public static final String PROTECTIVE = "protective";
    /** Separates a parent category from its sub-category, as in {@code protective.harmony}. */
    public static final char SUBCATEGORY_SEPARATOR = '.';
    /** Where bundled lexicons live on the classpath. */
    public static final String BUNDLED_DIRECTORY = "lexicons";

    private final Map<String, Compiled> byLanguage;

    private TextScorer(Map<String, Compiled> byLanguage) {
        this.byLanguage = Collections.unmodifiableMap(new TreeMap<>(byLanguage));
    }

    /**
     * Loads every {@code lexicons/*.yaml} on the classpath.
     *
     * @throws InvalidLexiconException when a file is malformed, naming the file and field
     * @throws IllegalStateException when no lexicon is found
     */
    public static TextScorer loadBundled() {
        Map<String, InputStreamSource> sources = new LinkedHashMap<>();
        BundledFiles.read(TextScorer.class.getClassLoader(), BUNDLED_DIRECTORY, LexiconReader.FILE_SUFFIX)
                .forEach((name, bytes) -> sources.put(name, () -> new ByteArrayInputStream(bytes)));
        if (sources.isEmpty()) {
            throw new IllegalStateException("no lexicon files found under classpath " + BUNDLED_DIRECTORY + "/");
        }
        return fromSources(sources);
    }

    /**
     * Loads every {@code *.yaml} file of a directory, for lexicons kept outside the service.
     *
     * @throws InvalidLexiconException when a file is malformed, naming the file and field
     * @throws IllegalStateException when the directory holds no lexicon
     */
    public static TextScorer load(Path directory) {
        Map<String, InputStreamSource> sources = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(p -> p.getFileName().toString().endsWith(LexiconReader.FILE_SUFFIX)).sorted()
                    .forEach(p -> sources.put(p.toString(), () -> Files.newInputStream(p)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list lexicon directory " + directory, e);
        }
        if (sources.isEmpty()) {
            throw new IllegalStateException("no lexicon files (*.yaml) in " + directory);
        }
        return fromSources(sources);
    }

    /**
     * The bundled lexicons with those of a directory in their place: a language with a file in the
     * directory is scored with it, every other language with its bundled lexicon (see
     * {@link #lexiconSource(String)} for which is which). For re-scoring and validating a changed lexicon
     * without copying the unchanged ones.
     *
     * @throws InvalidLexiconException when a file is malformed, naming the file and field
     * @throws IllegalStateException when the directory holds no lexicon
     */
    public static TextScorer loadBundledWithOverrides(Path directory) {
        Map<String, Compiled> merged = new TreeMap<>(loadBundled().byLanguage);
        merged.putAll(load(directory).byLanguage);
        return new TextScorer(merged);
    }

    /**
     * Where a language's lexicon was read from: a file path, or {@code lexicons/<language>.yaml} for a
     * bundled one.
     *
     * @throws IllegalArgumentException for a language without a lexicon
     */
    public String lexiconSource(String language) {
        return compiled(language).lexicon.source();
    }

    /**
     * Scores one text.
     *
     * @param language a language with a lexicon, see {@link #languages()}
     * @param text the text; null is scored as empty
     * @throws IllegalArgumentException for a language without a lexicon, naming it and the known ones
     */
    public TextScore score(String language, String text) {
        Compiled lexicon = compiled(language);
        AnalyzedText analyzed = AnalyzedText.of(lexicon.analyzer, text == null ? "" : text);
        Map<String, Integer> hits = new TreeMap<>();
        lexicon.reported.forEach(category -> hits.put(category, 0));
        lexicon.matcher.count(analyzed, hits);
        for (String category : lexicon.lexicon.categories().keySet()) {
            String parent = parentOf(category);
            if (parent != null) {
                hits.merge(parent, hits.get(category), Integer::sum);
            }
        }
        return new TextScore(analyzed.size(), hits);
    }

    /**
     * The version of a language's lexicon, as its file declares it.
     *
     * @throws IllegalArgumentException for a language without a lexicon
     */
    public String lexiconVersion(String language) {
        return compiled(language).lexicon.version();
    }

    /**
     * A language's terms per category, in file order, as its lexicon file lists them (before analysis).
     * Sub-categories are listed under their own names; computed parents such as {@code protective} are not.
     *
     * @throws IllegalArgumentException for a language without a lexicon
     */
    public Map<String, List<String>> terms(String language) {
        return Collections.unmodifiableMap(compiled(language).lexicon.categories());
    }

    /**
     * The analyzer kind of a language's lexicon, one of {@link Analyzers#kinds()}.
     *
     * @throws IllegalArgumentException for a language without a lexicon
     */
    public String analyzerKind(String language) {
        return compiled(language).lexicon.analyzer();
    }

    /** The languages that have a lexicon, sorted. */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    /** The analyzed tokens of a text, for diagnosing why a term did or did not match. */
    List<String> tokens(String language, String text) {
        return AnalyzedText.of(compiled(language).analyzer, text).tokens();
    }

    private Compiled compiled(String language) {
        Compiled lexicon = language == null ? null : byLanguage.get(language);
        if (lexicon == null) {
            throw new IllegalArgumentException("no lexicon for language '" + language + "'; known languages: "
                    + byLanguage.keySet());
        }
        return lexicon;
    }

    private static String parentOf(String category) {
        int dot = category.indexOf(SUBCATEGORY_SEPARATOR);
        return dot > 0 ? category.substring(0, dot) : null;
    }

    private static TextScorer fromSources(Map<String, InputStreamSource> sources) {
        Map<String, Compiled> byLanguage = new TreeMap<>();
        for (Map.Entry<String, InputStreamSource> source : sources.entrySet()) {
            Lexicon lexicon;
            try (InputStream in = source.getValue().open()) {
                lexicon = LexiconReader.read(source.getKey(), in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read lexicon " + source.getKey(), e);
            }
            Compiled previous = byLanguage.get(lexicon.language());
            if (previous != null) {
                throw new InvalidLexiconException(source.getKey(), LexiconReader.FIELD_LANGUAGE,
                        "'" + lexicon.language() + "' is already defined by " + previous.lexicon.source());
            }
            byLanguage.put(lexicon.language(), compile(lexicon));
        }
        return new TextScorer(byLanguage);
    }

    private static Compiled compile(Lexicon lexicon) {
        Analyzer analyzer = Analyzers.create(lexicon.analyzer());
        TermMatcher matcher = new TermMatcher();
        Set<String> listed = lexicon.categories().keySet();
        Set<String> reported = new TreeSet<>(listed);
        reported.add(PROTECTIVE);
        for (String category : listed) {
            String parent = parentOf(category);
            if (parent != null) {
                if (listed.contains(parent)) {
                    throw new InvalidLexiconException(lexicon.source(), LexiconReader.FIELD_CATEGORIES + "." + parent,
                            "is computed as the sum of its sub-categories and must not be listed");
                }
                reported.add(parent);
            }
        }
        if (listed.contains(PROTECTIVE)) {
            throw new InvalidLexiconException(lexicon.source(), LexiconReader.FIELD_CATEGORIES + "." + PROTECTIVE,
                    "is computed as the sum of the protective.* sub-categories and must not be listed");
        }
        for (Map.Entry<String, List<String>> category : lexicon.categories().entrySet()) {
            String field = LexiconReader.FIELD_CATEGORIES + "." + category.getKey();
            for (String term : category.getValue()) {
                AnalyzedText analyzed = AnalyzedText.of(analyzer, term);
                if (analyzed.size() == 0) {
                    throw new InvalidLexiconException(lexicon.source(), field,
                            "has term '" + term + "' that analyzes to no word");
                }
                if (analyzed.hasInternalBreak()) {
                    throw new InvalidLexiconException(lexicon.source(), field,
                            "has term '" + term + "' that spans a sentence break and could never match");
                }
                String parent = parentOf(category.getKey());
                for (String other : matcher.categoriesOf(analyzed.tokens())) {
                    if (!other.equals(category.getKey()) && parent != null && parent.equals(parentOf(other))) {
                        throw new InvalidLexiconException(lexicon.source(), field, "has term '" + term
                                + "' that is also in " + other + "; its parent " + parent + " would count it twice");
                    }
                }
                matcher.add(analyzed.tokens(), category.getKey());
            }
        }
        return new Compiled(lexicon, analyzer, matcher, Set.copyOf(reported));
    }

    @FunctionalInterface
    private interface InputStreamSource {
        InputStream open() throws IOException;
    }

    private record Compiled(Lexicon lexicon, Analyzer analyzer, TermMatcher matcher, Set<String> reported) {
    }
}
