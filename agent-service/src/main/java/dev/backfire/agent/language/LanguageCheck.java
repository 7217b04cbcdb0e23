package dev.backfire.agent.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells whether a reply is written in the run's language, so that a model answering a Japanese run in
 * English is caught instead of being scored with the Japanese lexicon (which would read it as silence).
 *
 * <p>Two tests, from the language's profile ({@code language-profiles/<language>.yaml}): the letters must
 * be mostly in the language's script (Japanese: Han and kana with some kana; Chinese: Han without kana);
 * and for Latin-script languages, which share a script, the reply must not carry several accented letters
 * its alphabet lacks, nor more function words of another Latin-script language than of its own, unless it
 * carries several accented letters that other language lacks (Turkish "en" and "on" are not French when
 * the words around them have ğ, ş and ı). A reply with too few letters or words to judge
 * is {@link Verdict#UNDECIDED}, never a mismatch. Adding a language is adding its profile file.
 *
 * <p>Immutable and thread-safe.
 */
public final class LanguageCheck {
    /** Where the profiles live on the classpath. */
    public static final String DIRECTORY = "language-profiles";
    /** Below this many letters a reply is too short to judge. */
    static final int MIN_LETTERS = 20;
    /** Share of the letters that must be in the language's script. */
    static final double MIN_SCRIPT_SHARE = 0.5;
    /** Japanese needs at least this share of kana among its letters; Chinese must stay below it. */
    static final double KANA_SHARE = 0.05;
    /** Function words of another language needed before it can outvote the run's own (it must also have more). */
    static final int MIN_FOREIGN_FUNCTION_WORDS = 2;
    /**
     * Accented Latin letters that the run's alphabet does not have (Turkish dotless i in an English run,
     * Spanish ñ in a French one) needed to call a reply foreign; a quoted name or loanword has fewer.
     */
    static final int MIN_FOREIGN_LETTERS = 3;

    private static final int ASCII_END = 0x7F;
    private static final int SCRIPTS = Character.UnicodeScript.values().length;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What the check concluded. */
    public enum Verdict { MATCHES, MISMATCH, UNDECIDED }

    /** The writing system a language's profile names. */
    enum Script { LATIN, CYRILLIC, ARABIC, DEVANAGARI, THAI, HANGUL, HAN, JAPANESE }

    /**
     * @param letters for a Latin-script language, the letters of its alphabet beyond a-z (lower case)
     */
    record Profile(String language, Script script, Set<String> functionWords, Set<Integer> letters) {
    }

    private final Map<String, Profile> profiles;
    private final List<Profile> latinProfiles;
    /** Function word to the indexes (in {@link #latinProfiles}) of the languages it belongs to. */
    private final Map<String, int[]> functionWordOwners = new HashMap<>();

    LanguageCheck(Map<String, Profile> profiles) {
        this.profiles = Map.copyOf(profiles);
        this.latinProfiles = profiles.values().stream().filter(p -> p.script() == Script.LATIN).toList();
        Map<String, List<Integer>> owners = new HashMap<>();
        for (int k = 0; k < latinProfiles.size(); k++) {
            for (String w : latinProfiles.get(k).functionWords()) {
                owners.computeIfAbsent(w, x -> new ArrayList<>()).add(k);
            }
        }
        owners.forEach((w, list) -> functionWordOwners.put(w, list.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * Loads the bundled profile of each language; a language without one is not checked.
     *
     * @throws IllegalArgumentException naming the file and field when a profile is malformed
     */
    public static LanguageCheck loadBundled(Collection<String> languages) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (String language : languages) {
            String file = DIRECTORY + "/" + language + ".yaml";
            try (InputStream in = LanguageCheck.class.getClassLoader().getResourceAsStream(file)) {
                if (in != null) {
                    profiles.put(language, read(file, YAML.readTree(in)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new LanguageCheck(profiles);
    }

    static Profile read(String file, JsonNode node) {
        String language = text(file, node, "language");
        Script script;
        try {
            script = Script.valueOf(text(file, node, "script").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": script must be one of "
                    + java.util.Arrays.toString(Script.values()).toLowerCase(Locale.ROOT) + ", was '"
                    + node.get("script").asText() + "'");
        }
        Set<String> words = new HashSet<>();
        JsonNode list = node.get("functionWords");
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    // YAML reads unquoted on, no, yes, y as booleans: a silently lost function word.
                    throw new IllegalArgumentException(file + ": functionWords[" + i + "] must be a quoted string, was "
                            + list.get(i));
                }
                words.add(list.get(i).asText().toLowerCase(Locale.ROOT));
            }
        }
        if (script == Script.LATIN && words.isEmpty()) {
            throw new IllegalArgumentException(file + ": functionWords are required for a Latin-script language");
        }
        JsonNode extra = node.get("letters");
        Set<Integer> letters = extra == null ? Set.of()
                : extra.asText().toLowerCase(Locale.ROOT).codePoints().boxed().collect(Collectors.toSet());
        return new Profile(language, script, Set.copyOf(words), letters);
    }

    private static String text(String file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' is required");
        }
        return value.asText();
    }

    /** Whether {@code text} is written in {@code language}. */
    public Verdict check(String language, String text) {
        Profile profile = profiles.get(language);
        if (profile == null || text == null) {
            return Verdict.UNDECIDED;
        }
        int[] letters = new int[SCRIPTS];
        int total = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters[Character.UnicodeScript.of(cp).ordinal()]++;
                total++;
            }
        }
        if (total < MIN_LETTERS) {
            return Verdict.UNDECIDED;
        }
        if (!scriptMatches(profile.script(), letters, total)) {
            return Verdict.MISMATCH;
        }
        return profile.script() == Script.LATIN ? latin(profile, text) : Verdict.MATCHES;
    }

    private static boolean scriptMatches(Script script, int[] letters, int total) {
        double kana = share(letters, total, Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA);
        return switch (script) {
            case JAPANESE -> share(letters, total, Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA,
                    Character.UnicodeScript.HAN) >= MIN_SCRIPT_SHARE && kana >= KANA_SHARE;
            case HAN -> share(letters, total, Character.UnicodeScript.HAN) >= MIN_SCRIPT_SHARE && kana < KANA_SHARE;
            default -> share(letters, total, Character.UnicodeScript.valueOf(script.name())) >= MIN_SCRIPT_SHARE;
        };
    }

    private static double share(int[] letters, int total, Character.UnicodeScript... scripts) {
        int n = 0;
        for (Character.UnicodeScript s : scripts) {
            n += letters[s.ordinal()];
        }
        return (double) n / total;
    }

    private Verdict latin(Profile own, String text) {
        int ownIndex = latinProfiles.indexOf(own);
        int[] hits = new int[latinProfiles.size()];
        int foreignLetters = 0;
        Map<Integer, Integer> accented = new HashMap<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            i += i < text.length() ? Character.charCount(cp) : 1;
            if (Character.isLetter(cp)) {
                int lower = Character.toLowerCase(cp);
                if (lower > ASCII_END && Character.UnicodeScript.of(lower) == Character.UnicodeScript.LATIN) {
                    accented.merge(lower, 1, Integer::sum);
                    if (!own.letters().contains(lower) && ++foreignLetters >= MIN_FOREIGN_LETTERS) {
                        return Verdict.MISMATCH;
                    }
                }
                word.appendCodePoint(lower);
            } else if (word.length() > 0) {
                int[] owners = functionWordOwners.get(word.toString());
                if (owners != null) {
                    for (int owner : owners) {
                        hits[owner]++;
                    }
                }
                word.setLength(0);
            }
        }
        for (int k = 0; k < hits.length; k++) {
            if (k != ownIndex && hits[k] >= MIN_FOREIGN_FUNCTION_WORDS && hits[k] > hits[ownIndex]
                    && lettersLacking(latinProfiles.get(k), accented) < MIN_FOREIGN_LETTERS) {
                return Verdict.MISMATCH;
            }
        }
        return Verdict.MATCHES;
    }

    /** How many of the accented letters seen are not in the alphabet of {@code candidate}. */
    private static int lettersLacking(Profile candidate, Map<Integer, Integer> accented) {
        int n = 0;
        for (Map.Entry<Integer, Integer> e : accented.entrySet()) {
            if (!candidate.letters().contains(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }
}
