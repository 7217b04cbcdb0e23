package dev.backfire.scorer;

import java.io.Reader;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKWidthCharFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The analyzer kinds a lexicon file may name. A language is a data file; what needs code is only a new
 * way of cutting text into words, and there are far fewer of those than languages (every Latin-script
 * language with light stemming could share one kind). Keeping the kinds here, behind names, is what lets
 * a lexicon pick one without touching code.
 *
 * <p>Every kind drops tokens that have no letter or digit (punctuation, symbols, emoji), because a word
 * count that moved with punctuation would move the monologue ratio with a model's writing style.
 * Stop words are kept: multi-word terms such as "I refuse" need them.
 *
 * <p>Lucene analyzers are thread-safe through their per-thread reuse strategy, so one instance per
 * language serves every caller.
 */
final class Analyzers {
    /** StandardTokenizer (UAX#29 words), lowercase, possessive removal, KStem and plural light stemming. */
    static final String ENGLISH = "english";
    /** Kuromoji morphological segmentation (normal mode), CJK width folding and lowercase. */
    static final String KUROMOJI = "kuromoji";
    /** SmartCN (HMM) word segmentation of Chinese, width folding and lowercase. */
    static final String SMARTCN = "smartcn";
    /** Nori morphological segmentation of Korean (compounds kept whole), width folding and lowercase. */
    static final String NORI = "nori";
    /** Dictionary-based Thai word segmentation (ThaiTokenizer) and lowercase. */
    static final String THAI = "thai";
    /** Arabic: orthographic normalization (diacritics, tatweel, alef and yeh forms) and light stemming. */
    static final String ARABIC = "arabic";
    /** Hindi: Indic and Hindi normalization (nukta, chandrabindu, ...) and light stemming. */
    static final String HINDI = "hindi";
    /**
     * Unicode word segmentation (UAX#29), NFC normalization and lowercase, no stemming: for languages
     * whose words are whitespace-separated and whose lexicon lists the inflected forms (Vietnamese,
     * where a word is often several space-separated syllables and multi-word terms carry it).
     */
    static final String STANDARD = "standard";
    static final String FINNISH = "finnish";
    static final String GERMAN = "german";
    static final String FRENCH = "french";
    static final String SPANISH = "spanish";
    static final String RUSSIAN = "russian";
    static final String PORTUGUESE = "portuguese";
    static final String INDONESIAN = "indonesian";
    /** Turkish: apostrophe suffix removal and Turkish dotted/dotless lowercase; no stemming. */
    static final String TURKISH = "turkish";

    private static final Map<String, Supplier<Analyzer>> KINDS = new TreeMap<>(Map.ofEntries(
            Map.entry(ENGLISH, Analyzers::english),
            Map.entry(KUROMOJI, Analyzers::kuromoji),
            Map.entry(SMARTCN, () -> segmented(org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer::new,
                    java.text.Normalizer.Form.NFKC)),
            Map.entry(NORI, () -> segmented(() -> new org.apache.lucene.analysis.ko.KoreanTokenizer(
                    org.apache.lucene.analysis.TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, null,
                    org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode.NONE, false, true),
                    java.text.Normalizer.Form.NFKC)),
            // NFC, not NFKC, for Thai: NFKC splits SARA AM (U+0E33) into two characters, which breaks the
            // dictionary segmentation of every word that contains it.
            Map.entry(THAI, () -> segmented(org.apache.lucene.analysis.th.ThaiTokenizer::new,
                    java.text.Normalizer.Form.NFC)),
            Map.entry(ARABIC, () -> latinLike(s -> new org.apache.lucene.analysis.ar.ArabicStemFilter(
                    new org.apache.lucene.analysis.ar.ArabicNormalizationFilter(s)))),
            Map.entry(HINDI, () -> latinLike(s -> new org.apache.lucene.analysis.hi.HindiStemFilter(
                    new org.apache.lucene.analysis.hi.HindiNormalizationFilter(
                            new org.apache.lucene.analysis.in.IndicNormalizationFilter(s))))),
            Map.entry(STANDARD, () -> latinLike(s -> s)),
            Map.entry(FINNISH, () -> latinLike(org.apache.lucene.analysis.fi.FinnishLightStemFilter::new)),
            Map.entry(GERMAN, () -> latinLike(s -> new org.apache.lucene.analysis.de.GermanLightStemFilter(
                    new org.apache.lucene.analysis.de.GermanNormalizationFilter(s)))),
            Map.entry(FRENCH, () -> latinLike(s -> new org.apache.lucene.analysis.fr.FrenchLightStemFilter(
                    new org.apache.lucene.analysis.util.ElisionFilter(s,
                            org.apache.lucene.analysis.fr.FrenchAnalyzer.DEFAULT_ARTICLES)))),
            Map.entry(SPANISH, () -> latinLike(org.apache.lucene.analysis.es.SpanishLightStemFilter::new)),
            Map.entry(RUSSIAN, () -> latinLike(org.apache.lucene.analysis.ru.RussianLightStemFilter::new)),
            Map.entry(PORTUGUESE, () -> latinLike(org.apache.lucene.analysis.pt.PortugueseLightStemFilter::new)),
            Map.entry(INDONESIAN, () -> latinLike(s -> new org.apache.lucene.analysis.id.IndonesianStemFilter(s,
                    false))),
            Map.entry(TURKISH, Analyzers::turkish)));

    /** Typographic apostrophes folded to ASCII, so "don’t" and "don't" are the same word. */
    private static final NormalizeCharMap APOSTROPHES;

    static {
        NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
        builder.add("\u2019", "'");
        builder.add("\u2018", "'");
        builder.add("\u02BC", "'");
        builder.add("\uFF07", "'");
        APOSTROPHES = builder.build();
    }

    private Analyzers() {
    }

    /** The names a lexicon's {@code analyzer} field may take. */
    static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** A new analyzer of that kind, or null when no kind has that name. */
    static Analyzer create(String kind) {
        Supplier<Analyzer> supplier = KINDS.get(kind);
        return supplier == null ? null : supplier.get();
    }

    private static Analyzer english() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new KStemFilter(stream);
                // KStem leaves plurals that its dictionary lists as words ("lovers"); the minimal plural
                // stemmer folds them. Porter was tried and rejected: it makes "personally" a form of
                // "person", so every person mentioned counted as individuation.
                stream = new EnglishMinimalStemFilter(stream);
                stream = new WordsOnlyFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(APOSTROPHES, reader);
            }
        };
    }

    private static Analyzer kuromoji() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                // No user dictionary, punctuation discarded, normal (not search) mode: search mode splits
                // compounds into their parts, which would inflate word counts.
                Tokenizer source = new JapaneseTokenizer(null, true, JapaneseTokenizer.Mode.NORMAL);
                TokenStream stream = new CJKWidthFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new WordsOnlyFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                // Fold widths before segmentation too, so half-width katakana and full-width Latin are
                // segmented exactly like their normal forms; the token filter then has nothing left to do
                // but is kept as the documented normalization step.
                return new CJKWidthCharFilter(reader);
            }
        };
    }

    /**
     * Segmenting tokenizer (CJK, Thai), then width folding, lowercase and the words-only filter; the text
     * is normalized first (NFKC for CJK, so full-width and compatibility forms segment like their normal
     * forms).
     */
    private static Analyzer segmented(Supplier<Tokenizer> tokenizer, java.text.Normalizer.Form form) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = tokenizer.get();
                TokenStream stream = new CJKWidthFilter(source);
                stream = new LowerCaseFilter(stream);
                stream = new WordsOnlyFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return normalized(reader, form);
            }
        };
    }

    /**
     * UAX#29 words, NFC normalization, lowercase, then a language's own normalization and stemming
     * filters, then the words-only filter.
     */
    private static Analyzer latinLike(java.util.function.UnaryOperator<TokenStream> languageFilters) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(source);
                stream = languageFilters.apply(stream);
                stream = new WordsOnlyFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(APOSTROPHES, normalized(reader, java.text.Normalizer.Form.NFC));
            }
        };
    }

    private static Analyzer turkish() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new org.apache.lucene.analysis.tr.ApostropheFilter(source);
                stream = new org.apache.lucene.analysis.tr.TurkishLowerCaseFilter(stream);
                stream = new WordsOnlyFilter(stream);
                return new TokenStreamComponents(source, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new MappingCharFilter(APOSTROPHES, normalized(reader, java.text.Normalizer.Form.NFC));
            }
        };
    }

    /** Reads the (short) text whole and returns it in the given Unicode normalization form. */
    private static Reader normalized(Reader reader, java.text.Normalizer.Form form) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[NORMALIZE_BUFFER];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return new java.io.StringReader(java.text.Normalizer.normalize(text, form));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final int NORMALIZE_BUFFER = 4096;

    /** Keeps tokens that contain at least one letter or digit. */
    private static final class WordsOnlyFilter extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        WordsOnlyFilter(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            int length = term.length();
            char[] buffer = term.buffer();
            for (int i = 0; i < length; ) {
                int cp = Character.codePointAt(buffer, i, length);
                if (Character.isLetterOrDigit(cp)) {
                    return true;
                }
                i += Character.charCount(cp);
            }
            return false;
        }
    }
}
