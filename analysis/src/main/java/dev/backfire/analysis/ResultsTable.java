package dev.backfire.analysis;

import dev.backfire.analysis.results.CellMeans;
import dev.backfire.analysis.results.Contrast;
import dev.backfire.analysis.results.LanguageResult;
import dev.backfire.analysis.results.MixedModelSummary;
import dev.backfire.analysis.results.ModeratorResult;
import dev.backfire.analysis.results.OlsTerm;
import dev.backfire.analysis.results.SignTestResult;
import dev.backfire.analysis.results.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link StudyResults} as a plain-text report no wider than {@link #WIDTH} columns: per language
 * the cell means, then g [95% CI], p, Holm p, permutation p and direction for CPI and DI, the CPI slope,
 * the mixed model and the ratio-1.0 descriptives; then the pooled models, moderator, sign test and notes.
 * Undefined values print as {@code NA}. Stateless and thread-safe.
 */
public final class ResultsTable {

    /** Maximum line width of the report. */
    public static final int WIDTH = 80;

    private static final String NA = "NA";
    /** p-values below this print in scientific notation. */
    private static final double SMALL_P = 1e-4;

    private ResultsTable() {
    }

    /**
     * @param results the results to render
     * @return the report, lines separated by {@code \n}, each at most {@value #WIDTH} characters
     */
    public static String render(StudyResults results) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Backfire Lab study: %d runs, %d agent-runs, %d languages%s",
                results.runCount(), results.agentRunCount(), results.languages().size(),
                results.referenceLanguage() == null ? "" : " (reference " + results.referenceLanguage() + ")"));
        for (Map.Entry<String, LanguageResult> entry : results.languages().entrySet()) {
            language(lines, entry.getKey(), entry.getValue(), results.cells());
        }
        pooled(lines, results);
        if (!results.notes().isEmpty()) {
            lines.add("");
            lines.add("Notes:");
            results.notes().forEach(note -> wrap(lines, note, "  - ", "    "));
        }
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line.length() > WIDTH ? line.substring(0, WIDTH) : line).append('\n'));
        return out.toString();
    }

    private static void language(List<String> lines, String language, LanguageResult r, List<CellMeans> cells) {
        lines.add("");
        String title = String.format(Locale.ROOT, "== %s (PDI %s, %d runs) ", language, num(r.pdi(), "%.0f"),
                r.runCount());
        lines.add(title + "=".repeat(Math.max(0, WIDTH - title.length())));
        lines.add(String.format(Locale.ROOT, "  %-6s %5s %10s %10s", "ratio", "runs", "CPI mean", "DI mean"));
        cells.stream().filter(c -> c.language().equals(language)).forEach(c -> lines.add(String.format(Locale.ROOT,
                "  %-6s %5d %10.4f %10.4f", AgentRunCsv.formatRatio(c.alignmentRatio()), c.runs(), c.cpiMean(),
                c.diMean())));
        lines.add(String.format(Locale.ROOT, "  %-4s %8s  %-18s %8s %8s %8s  %s", "", "g", "[95% CI]", "p", "pHolm",
                "pPerm", "direction"));
        lines.add(contrast("CPI", r.cpi()));
        lines.add(contrast("DI", r.di()));
        MixedModelSummary m = r.diMixedModel();
        lines.add(String.format(Locale.ROOT, "  CPI slope %s | DI mixed model: beta %s, se %s, p %s",
                num(r.cpiSlope(), "%.3f"), num(m.beta(), "%.3f"), num(m.se(), "%.3f"), p(m.p())));
        lines.add(String.format(Locale.ROOT, "  run variance %s, residual %s%s", num(m.runVariance(), "%.4f"),
                num(m.residualVariance(), "%.4f"), Boolean.TRUE.equals(m.boundary()) ? " (boundary fit)" : ""));
        lines.add(String.format(Locale.ROOT, "  at ratio 1: harmonyShare %s, conformity/individuation %s",
                num(r.harmonyShare(), "%.3f"), num(r.conformityToIndividuation(), "%.3f")));
    }

    private static String contrast(String name, Contrast c) {
        String ci = c.ciLow() == null ? NA
                : String.format(Locale.ROOT, "[%.3f, %.3f]", c.ciLow(), c.ciHigh());
        return String.format(Locale.ROOT, "  %-4s %8s  %-18s %8s %8s %8s  %s", name, num(c.g(), "%.3f"), ci, p(c.p()),
                p(c.pHolm()), p(c.pPermutation()), c.direction() == null ? NA : c.direction().name());
    }

    private static void pooled(List<String> lines, StudyResults results) {
        lines.add("");
        String title = "== pooled over languages ";
        lines.add(title + "=".repeat(WIDTH - title.length()));
        lines.add("CPI ~ alignment_ratio * language (OLS"
                + (results.referenceLanguage() == null ? ")" : ", reference " + results.referenceLanguage() + ")"));
        lines.add(String.format(Locale.ROOT, "  %-30s %10s %9s %9s %9s", "term", "estimate", "se", "t", "p"));
        for (OlsTerm t : results.cpiDoseResponse()) {
            lines.add(String.format(Locale.ROOT, "  %-30s %10s %9s %9s %9s", t.term(), num(t.estimate(), "%.4f"),
                    num(t.se(), "%.4f"), num(t.t(), "%.3f"), p(t.p())));
        }
        MixedModelSummary m = results.diMixedModelPooled();
        lines.add("DI_agent ~ alignment_ratio + language + (1 | run_id) (REML):");
        lines.add(String.format(Locale.ROOT, "  beta %s, se %s, z %s, p %s", num(m.beta(), "%.4f"), num(m.se(), "%.4f"),
                num(m.z(), "%.3f"), p(m.p())));
        ModeratorResult mod = results.moderator();
        lines.add(String.format(Locale.ROOT, "Moderator (CPI g vs PDI): r %s, t(%s) %s, p %s, n %d",
                num(mod.r(), "%.3f"), mod.df() == null ? NA : mod.df().toString(), num(mod.t(), "%.3f"), p(mod.p()),
                mod.n()));
        SignTestResult s = results.signTest();
        lines.add(String.format(Locale.ROOT, "Sign test: %d of %d languages with CPI g > 0, p %s", s.positive(), s.n(),
                p(s.p())));
    }

    private static String num(Double value, String format) {
        return value == null ? NA : String.format(Locale.ROOT, format, value);
    }

    private static String p(Double value) {
        if (value == null) {
            return NA;
        }
        return String.format(Locale.ROOT, value < SMALL_P ? "%.1e" : "%.4f", value);
    }

    private static void wrap(List<String> lines, String text, String first, String rest) {
        String prefix = first;
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.split(" ")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                prefix = rest;
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
    }
}
