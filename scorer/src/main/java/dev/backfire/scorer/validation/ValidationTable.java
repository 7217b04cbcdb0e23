package dev.backfire.scorer.validation;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The precision and recall tables of a {@link Report}, 80 columns wide: one row per language, one column
 * per category and the micro-average over categories ({@code all}); a cell below its floor is marked
 * {@code *}, a cell without data shows {@code -}.
 */
public final class ValidationTable {
    /** Width of every line. */
    public static final int WIDTH = 80;
    private static final List<String> HEADERS = List.of("protect", "p.indiv", "p.harm", "p.gen", "sexual",
            "conform", "indiv", "all");
    private static final String LANGUAGE_COLUMN = "%-6s";
    private static final String CELL = "%8s";
    private static final String BELOW_FLOOR = "*";

    private ValidationTable() {
    }

    /**
     * Renders the report.
     *
     * @param check the floors marked in the tables
     * @param context one line of provenance printed under the title (scorer version, corpus size...)
     */
    public static String render(Report report, Floors.Check check, String context) {
        StringBuilder out = new StringBuilder();
        wrap(out, "Scorer validation against " + report.groundTruth() + ".");
        wrap(out, context);
        wrap(out, String.format(Locale.ROOT, "Floors: precision >= %.2f, recall >= %.2f, per %s; * = below.",
                check.minPrecision(), check.minRecall(),
                check.categories().equals(List.of(Report.ALL)) ? "language (all categories)" : "language and category"));
        out.append('\n');
        section(out, report, check, "Precision (share of the hits found that are in the labels)", Counts::precision);
        section(out, report, check, "Recall (share of the labelled hits that were found)", Counts::recall);
        line(out, "Labelled hits (support)");
        header(out);
        for (String language : report.languages()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, LANGUAGE_COLUMN, language));
            for (String category : categories()) {
                row.append(String.format(Locale.ROOT, CELL, report.of(language, category).support()));
            }
            line(out, row.toString());
        }
        return out.toString();
    }

    private static void section(StringBuilder out, Report report, Floors.Check check, String title,
            ToDoubleFunction<Counts> measure) {
        line(out, title);
        header(out);
        for (String language : report.languages()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, LANGUAGE_COLUMN, language));
            for (String category : categories()) {
                Counts counts = report.of(language, category);
                double value = measure.applyAsDouble(counts);
                String cell = Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
                if (check.categories().contains(category) && !check.holds(counts)) {
                    cell += BELOW_FLOOR;
                } else {
                    cell += " ";
                }
                row.append(String.format(Locale.ROOT, CELL, cell));
            }
            line(out, row.toString());
        }
        out.append('\n');
    }

    private static List<String> categories() {
        return java.util.stream.Stream.concat(Report.CATEGORIES.stream(), java.util.stream.Stream.of(Report.ALL))
                .toList();
    }

    private static void header(StringBuilder out) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, LANGUAGE_COLUMN, "lang"));
        for (String header : HEADERS) {
            row.append(String.format(Locale.ROOT, CELL, header + " "));
        }
        line(out, row.toString());
    }

    /** Prose, broken at spaces into lines of at most {@link #WIDTH} columns. */
    private static void wrap(StringBuilder out, String text) {
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            if (current.length() > 0 && current.length() + 1 + word.length() > WIDTH) {
                line(out, current.toString());
                current.setLength(0);
            }
            current.append(current.length() > 0 ? " " : "").append(word);
        }
        if (current.length() > 0) {
            line(out, current.toString());
        }
    }

    private static void line(StringBuilder out, String text) {
        String trimmed = text.stripTrailing();
        if (trimmed.length() > WIDTH) {
            throw new IllegalStateException("table line longer than " + WIDTH + " columns: " + trimmed);
        }
        out.append(trimmed).append('\n');
    }
}
