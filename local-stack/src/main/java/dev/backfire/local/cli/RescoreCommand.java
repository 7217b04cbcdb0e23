package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsJson;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.analysis.results.StudyResults;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MessageScore;
import dev.backfire.scorer.export.InvalidExportException;
import dev.backfire.local.rescore.Rescorer;
import dev.backfire.scorer.export.TranscriptExport;
import dev.backfire.scorer.TextScorer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code backfire rescore <run-output-dir> --lexicons DIR [--out DIR]}: re-scores a finished local study
 * (the {@code transcripts.jsonl} that {@code ./backfire run} wrote) with the lexicon files of a directory,
 * without calling any model, and writes a new set of message scores, agent-run CSV and results beside the
 * old ones, which it never touches. Languages without a file in the directory keep their bundled lexicon
 * (and the command says so). The runs are those of the original analysis ({@code agent-runs.csv}), and so
 * are the Power Distance Indices, so that only the lexicons differ.
 */
final class RescoreCommand {
    static final String USAGE = "usage: backfire rescore <run-output-dir> --lexicons DIR [--out DIR]";
    static final String TRANSCRIPTS = "transcripts.jsonl";
    static final String AGENT_RUNS = "agent-runs.csv";
    static final String RESULTS = "results.json";
    static final String MESSAGE_SCORES = "message-scores.jsonl";
    /** The new folder's name: this prefix and the lexicon versions of the study's languages. */
    static final String FOLDER_PREFIX = "rescored-";
    /** The scoring set of the new scores: this prefix and the same lexicon versions. */
    static final String SCORING_SET_PREFIX = "rescore-";
    /** Permutations and seed of the permutation p-values: the stats service's defaults (StatsConfig). */
    static final int PERMUTATIONS = 2000;
    static final long PERMUTATION_SEED = 20260304L;
    static final String SYNTHETIC_LABEL =
            "SYNTHETIC: computed from transcripts of the built-in synthetic model; effects come from its parameters";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    RescoreCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Path source = null;
        Path lexicons = null;
        Path target = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--lexicons", "--out" -> {
                    if (i + 1 >= args.size()) {
                        return usage(a + " needs a folder");
                    }
                    Path value = Path.of(args.get(++i));
                    if (a.equals("--lexicons")) {
                        lexicons = value;
                    } else {
                        target = value;
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (a.startsWith("-") || source != null) {
                        return usage("unexpected argument '" + a + "'");
                    }
                    source = Path.of(a);
                }
            }
        }
        if (source == null) {
            return usage("the output folder of a finished run is required");
        }
        if (lexicons == null) {
            return usage("--lexicons is required (a folder of <language>.yaml lexicon files)");
        }
        if (!Files.isDirectory(lexicons)) {
            return usage("--lexicons: " + lexicons + " is not a folder");
        }
        try {
            return rescore(source, lexicons, target);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // InvalidExportException, InvalidLexiconException and AnalysisInputException name file, line and field.
            err.println("backfire rescore: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("backfire rescore: " + e.getMessage());
            return 1;
        }
    }

    private int rescore(Path source, Path lexicons, Path chosenTarget) throws IOException {
        TranscriptExport export = TranscriptExport.read(source.resolve(TRANSCRIPTS));
        List<AgentRun> original = AgentRunCsv.read(source.resolve(AGENT_RUNS));
        JsonNode oldResults = readJson(source.resolve(RESULTS));
        TextScorer scorer = TextScorer.loadBundledWithOverrides(lexicons);
        List<String> languages = Rescorer.languagesInOrder(original);
        for (String language : languages) {
            if (!scorer.languages().contains(language)) {
                throw new IllegalArgumentException("no lexicon for language '" + language + "' of the study");
            }
        }
        String tag = String.join("_", languages.stream().map(scorer::lexiconVersion).toList());
        Path target = chosenTarget != null ? chosenTarget : source.resolve(FOLDER_PREFIX + tag);
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " already exists; results are never overwritten (remove it or"
                    + " choose another --out)");
        }

        out.println("Re-scoring study " + export.studyId() + " (" + export.messages().size() + " messages, "
                + languages.size() + " languages) with scorer " + TextScorer.SCORER_VERSION + ":");
        for (String language : languages) {
            String from = scorer.lexiconSource(language);
            boolean bundled = from.startsWith(TextScorer.BUNDLED_DIRECTORY + "/");
            out.println("  " + language + ": " + scorer.lexiconVersion(language) + (bundled
                    ? " (bundled; " + lexicons + " has no " + language + ".yaml)" : " from " + from));
        }
        if (export.synthetic()) {
            out.println("SYNTHETIC MODEL: these transcripts come from the built-in synthetic model.");
        }

        Set<String> included = new LinkedHashSet<>();
        original.forEach(r -> included.add(r.runId()));
        String scoringSet = SCORING_SET_PREFIX + tag;
        Rescorer.Result result = Rescorer.rescore(export, scorer, included, languages, scoringSet,
                System.currentTimeMillis());
        AnalysisOptions options = AnalysisOptions.defaults().withPdiOverrides(pdis(oldResults, languages))
                .withPermutations(PERMUTATIONS).withSeed(PERMUTATION_SEED);
        StudyResults results = StudyAnalyzer.analyze(result.agentRuns(), options);

        writeAll(target, export, scorer, languages, source, oldResults, scoringSet, result, results);
        printComparison(oldResults, ResultsJson.toTree(results), languages, export.synthetic());
        out.println("Wrote " + MESSAGE_SCORES + ", " + AGENT_RUNS + " and " + RESULTS + " to " + target
                + "; the original results in " + source + " are unchanged.");
        return 0;
    }

    /** Writes into a temporary sibling folder and renames it into place, so nothing is ever half-written. */
    private void writeAll(Path target, TranscriptExport export, TextScorer scorer, List<String> languages,
            Path source, JsonNode oldResults, String scoringSet, Rescorer.Result result, StudyResults results)
            throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp");
        try {
            Map<String, String> versions = new TreeMap<>();
            languages.forEach(l -> versions.put(l, scorer.lexiconVersion(l)));
            String lexiconVersions = String.join(",", languages.stream().map(scorer::lexiconVersion).toList());

            ObjectNode stamp = JSON.createObjectNode();
            stamp.put("export", "message-scores");
            stamp.put("studyId", export.studyId());
            stamp.put("lockHash", export.lockHash());
            stamp.put("scoringSet", scoringSet);
            stamp.put("scorerVersion", TextScorer.SCORER_VERSION);
            stamp.set("lexiconVersions", JSON.valueToTree(versions));
            stamp.put("rescoredFrom", source.toAbsolutePath().normalize().toString());
            stamp.put("synthetic", export.synthetic());
            stamp.put("label", export.synthetic() ? SYNTHETIC_LABEL : export.label());
            StringBuilder scores = new StringBuilder(stamp.toString()).append('\n');
            for (MessageScore score : result.scores()) {
                scores.append(EventCodec.encode(score)).append('\n');
            }
            Files.writeString(tmp.resolve(MESSAGE_SCORES), scores);

            Files.writeString(tmp.resolve(AGENT_RUNS), "# backfire-lab agent-runs export; study " + export.studyId()
                    + "; lock " + export.lockHash() + "; scorer " + TextScorer.SCORER_VERSION + "; lexicons "
                    + lexiconVersions + "; scoring set " + scoringSet + "; runs " + results.runCount()
                    + (export.synthetic() ? "; SYNTHETIC model" : "") + "; re-scored from " + source + "\n"
                    + AgentRunCsv.toCsv(result.agentRuns()));

            ObjectNode body = JSON.createObjectNode();
            body.put("studyId", export.studyId());
            body.put("lockHash", export.lockHash());
            body.put("synthetic", export.synthetic());
            body.put("label", export.synthetic() ? SYNTHETIC_LABEL : null);
            body.put("scorerVersion", TextScorer.SCORER_VERSION);
            body.put("lexiconVersions", lexiconVersions);
            body.put("scoringSet", scoringSet);
            ObjectNode from = body.putObject("rescoredFrom");
            from.put("folder", source.toAbsolutePath().normalize().toString());
            from.put("scorerVersion", oldResults.path("scorerVersion").asText(null));
            from.put("lexiconVersions", oldResults.path("lexiconVersions").asText(null));
            body.setAll((ObjectNode) ResultsJson.toTree(results));
            Files.writeString(tmp.resolve(RESULTS), body.toPrettyString());

            Files.move(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(target + " already exists; results are never overwritten");
        } finally {
            deleteQuietly(tmp);
        }
    }

    private void printComparison(JsonNode oldResults, JsonNode newResults, List<String> languages,
            boolean synthetic) {
        out.println();
        out.println("CPI and DI per language, Hedges' g (ratio 1.0 vs 0.0), before -> after:");
        out.printf(Locale.ROOT, "%-6s %10s %10s %-9s %10s %10s %-9s%n", "lang", "CPI g old", "CPI g new", "",
                "DI g old", "DI g new", "");
        for (String language : languages) {
            JsonNode before = oldResults.path("languages").path(language);
            JsonNode after = newResults.path("languages").path(language);
            out.printf(Locale.ROOT, "%-6s %10s %10s %-9s %10s %10s %-9s%n", language,
                    g(before.path("cpi")), g(after.path("cpi")), after.path("cpi").path("direction").asText(""),
                    g(before.path("di")), g(after.path("di")), after.path("di").path("direction").asText(""));
        }
        if (synthetic) {
            out.println("SYNTHETIC MODEL: every figure above comes from the built-in synthetic model.");
        }
    }

    private static String g(JsonNode contrast) {
        JsonNode g = contrast.get("g");
        return g == null || !g.isNumber() ? "-" : String.format(Locale.ROOT, "%+.3f", g.asDouble());
    }

    /** The Power Distance Index each language was analysed with, so that only the lexicons change. */
    private static Map<String, Double> pdis(JsonNode oldResults, List<String> languages) {
        Map<String, Double> pdi = new TreeMap<>();
        for (String language : languages) {
            JsonNode value = oldResults.path("languages").path(language).get("pdi");
            if (value != null && value.isNumber()) {
                pdi.put(language, value.asDouble());
            }
        }
        return pdi;
    }

    private static JsonNode readJson(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InvalidExportException(file + ": not a JSON object");
            }
            return node;
        } catch (java.io.FileNotFoundException e) {
            throw new InvalidExportException(file + ": not found (expected the results.json that ./backfire run"
                    + " writes)");
        } catch (IOException e) {
            throw new InvalidExportException(file + ": not JSON (" + e.getMessage() + ")");
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the target was never touched
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }

    private int usage(String problem) {
        err.println("backfire rescore: " + problem);
        err.println(USAGE);
        return 2;
    }
}
