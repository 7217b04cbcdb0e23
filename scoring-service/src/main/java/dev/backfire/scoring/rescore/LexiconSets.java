package dev.backfire.scoring.rescore;

import dev.backfire.scorer.TextScorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The named lexicon sets a study can be re-scored with: {@code bundled}, and each sub-folder of the
 * configured directory (its {@code <language>.yaml} files replace the bundled lexicons of those languages).
 */
public final class LexiconSets {
    public static final String BUNDLED = "bundled";
    /** Set names are folder names: letters, digits, '.', '_' and '-', so a name can never leave the directory. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Optional<Path> directory;

    public LexiconSets(Optional<Path> directory) {
        this.directory = directory;
    }

    /** The names available. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(BUNDLED);
        directory.filter(Files::isDirectory).ifPresent(d -> {
            try (Stream<Path> sets = Files.list(d)) {
                sets.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n)
                        .matches()).sorted().forEach(names::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list lexicon sets in " + d, e);
            }
        });
        return names;
    }

    /**
     * The scorer of a set.
     *
     * @throws IllegalArgumentException for an unknown or malformed name, naming the known sets
     * @throws dev.backfire.scorer.InvalidLexiconException when a file of the set is malformed
     */
    public TextScorer scorer(String name) {
        if (name == null || name.isBlank() || BUNDLED.equals(name)) {
            return TextScorer.loadBundled();
        }
        if (!NAME.matcher(name).matches() || directory.isEmpty()
                || !Files.isDirectory(directory.get().resolve(name))) {
            throw new IllegalArgumentException("unknown lexicon set '" + name + "'; known: " + names());
        }
        return TextScorer.loadBundledWithOverrides(directory.get().resolve(name));
    }
}
