package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.scorer.InvalidLexiconException;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.export.InvalidExportException;
import dev.backfire.scorer.export.TranscriptExport;
import dev.backfire.scorer.validation.ChallengeSet;
import dev.backfire.scorer.validation.Counts;
import dev.backfire.scorer.validation.Floors;
import dev.backfire.scorer.validation.Report;
import dev.backfire.scorer.validation.SyntheticCorpus;
import dev.backfire.scorer.validation.ValidationTable;
import dev.backfire.scorer.validation.Validator;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code backfire validate-scorer [--languages en,ja] [--messages N] [--seed S] [--lexicons DIR] [--json FILE]}:
 * the scorer's precision and recall per language and category against the synthetic model's intended hits
 * (a seeded corpus generated in-process, SYNTHETIC ground truth) and against the hand-labelled challenge
 * sentences, with the floors of {@link Floors}. With {@code --transcripts FILE} (a finished study's
 * {@code transcripts.jsonl}) the ground truth is instead the intended hits the synthetic model stored beside
 * each of that study's messages, and only that table is printed. Exit 0 when every floor holds, 1 when one
 * fails, 2 on bad input.
 */
final class ValidateScorerCommand {
    static final String USAGE = "usage: backfire validate-scorer [--languages L1,L2,...] [--messages N (default "
            + ValidateScorerCommand.DEFAULT_MESSAGES + ")] [--seed S] [--lexicons DIR] [--json FILE]\n"
            + "       backfire validate-scorer --transcripts FILE [--languages L1,L2,...] [--lexicons DIR]"
            + " [--json FILE]";
    /** Synthetic replies per language; enough for every category of every language to reach its support. */
    static final int DEFAULT_MESSAGES = 1000;
    static final long DEFAULT_SEED = 20260304L;

    private final PrintStream out;
    private final PrintStream err;

    ValidateScorerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        List<String> languages = null;
        int messages = DEFAULT_MESSAGES;
        long seed = DEFAULT_SEED;
        Path lexicons = null;
        Path json = null;
        Path transcripts = null;
        boolean corpusOptions = false;
        TextScorer scorer;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--languages" -> languages = Arrays.stream(value(args, ++i, a).split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList();
                    case "--messages" -> {
                        messages = positive(value(args, ++i, a), a);
                        corpusOptions = true;
                    }
                    case "--seed" -> {
                        seed = Long.parseLong(value(args, ++i, a));
                        corpusOptions = true;
                    }
                    case "--transcripts" -> transcripts = Path.of(value(args, ++i, a));
                    case "--lexicons" -> lexicons = Path.of(value(args, ++i, a));
                    case "--json" -> json = Path.of(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument '" + a + "'");
                }
            }
            if (transcripts != null && corpusOptions) {
                throw new IllegalArgumentException("--messages and --seed make the generated corpus; with"
                        + " --transcripts the study's own messages are the corpus");
            }
            scorer = lexicons == null ? TextScorer.loadBundled() : TextScorer.loadBundledWithOverrides(lexicons);
            if (languages == null) {
                languages = List.copyOf(scorer.languages());
            }
            for (String language : languages) {
                if (!scorer.languages().contains(language)) {
                    throw new IllegalArgumentException("--languages: unknown language '" + language + "' (known: "
                            + String.join(", ", scorer.languages()) + ")");
                }
            }
        } catch (NumberFormatException e) {
            return usage("not a number: " + e.getMessage());
        } catch (InvalidLexiconException e) {
            err.println("backfire validate-scorer: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            return usage(e.getMessage());
        }

        if (transcripts != null) {
            return validateStudy(scorer, transcripts, languages, json, lexicons != null);
        }
        SyntheticGenerator generator = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
        List<Validator.Labelled> corpus = new ArrayList<>();
        for (String language : languages) {
            corpus.addAll(SyntheticCorpus.of(generator, language, messages, seed));
        }
        Report synthetic = Validator.validate(scorer, corpus, SyntheticCorpus.GROUND_TRUTH);
        Report challenge = ChallengeSet.validate(scorer, ChallengeSet.loadBundled(), languages);
        String versions = lexiconVersions(scorer, languages);
        out.print(ValidationTable.render(synthetic, Floors.synthetic(), String.format(Locale.ROOT,
                "Scorer %s; %d synthetic replies per language, seed %d; lexicons %s.", TextScorer.SCORER_VERSION,
                messages, seed, versions)));
        out.println();
        out.print(ValidationTable.render(challenge, Floors.challenge(), "Scorer " + TextScorer.SCORER_VERSION
                + "; the same lexicons."));
        if (lexicons != null) {
            for (String language : languages) {
                out.println("  " + language + ": " + scorer.lexiconSource(language));
            }
        }
        List<String> failures = new ArrayList<>(Floors.synthetic().failures(synthetic));
        failures.addAll(Floors.challenge().failures(challenge));
        out.println();
        if (failures.isEmpty()) {
            out.println("Every floor holds (" + languages.size() + " languages).");
        } else {
            out.println("Below a floor:");
            failures.forEach(f -> out.println("  " + f));
        }
        if (json != null) {
            try {
                writeJson(json, scorer, languages, messages, seed, synthetic, challenge, failures);
                out.println("Wrote " + json + ".");
            } catch (IOException e) {
                err.println("backfire validate-scorer: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * The table against the intended hits stored with a finished study's messages: every message that
     * carries them (the synthetic model's), in the languages asked for.
     */
    private int validateStudy(TextScorer scorer, Path file, List<String> languages, Path json, boolean ownLexicons) {
        TranscriptExport export;
        try {
            export = TranscriptExport.read(file);
        } catch (InvalidExportException e) {
            err.println("backfire validate-scorer: " + e.getMessage());
            return 2;
        }
        List<Validator.Labelled> corpus = new ArrayList<>();
        int withoutHits = 0;
        for (TranscriptExport.Message m : export.messages()) {
            if (!languages.contains(m.language())) {
                continue;
            }
            if (m.intendedHits() == null) {
                withoutHits++;
                continue;
            }
            corpus.add(new Validator.Labelled(m.language(), m.talk(), m.monologue(), m.intendedHits()));
        }
        if (corpus.isEmpty()) {
            err.println("backfire validate-scorer: " + file + ": no message in " + String.join(", ", languages)
                    + " carries the synthetic model's intended hits (field '" + TranscriptExport.INTENDED_HITS
                    + "'); only a study run on the synthetic model has them (this one: " + export.label() + ")");
            return 2;
        }
        List<String> studied = corpus.stream().map(Validator.Labelled::language).distinct().sorted().toList();
        Report report = Validator.validate(scorer, corpus, "SYNTHETIC ground truth (the intended hits stored with"
                + " study " + export.studyId() + ")");
        out.print(ValidationTable.render(report, Floors.synthetic(), String.format(Locale.ROOT,
                "Scorer %s; %d messages of %s (lock %s); lexicons %s.", TextScorer.SCORER_VERSION, corpus.size(),
                file, export.lockHash(), lexiconVersions(scorer, studied))));
        if (withoutHits > 0) {
            out.println("  " + withoutHits + " messages without intended hits (replies of other models) left out.");
        }
        if (ownLexicons) {
            studied.forEach(language -> out.println("  " + language + ": " + scorer.lexiconSource(language)));
        }
        List<String> failures = Floors.synthetic().failures(report);
        out.println();
        if (failures.isEmpty()) {
            out.println("Every floor holds (" + studied.size() + " languages).");
        } else {
            out.println("Below a floor:");
            failures.forEach(f -> out.println("  " + f));
        }
        if (json != null) {
            try {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode root = mapper.createObjectNode();
                root.put("scorerVersion", TextScorer.SCORER_VERSION);
                ObjectNode versions = root.putObject("lexiconVersions");
                studied.forEach(l -> versions.put(l, scorer.lexiconVersion(l)));
                root.put("transcripts", file.toString());
                root.put("studyId", export.studyId());
                root.put("lockHash", export.lockHash());
                root.put("messages", corpus.size());
                root.put("messagesWithoutIntendedHits", withoutHits);
                ObjectNode floors = root.putObject("floors");
                floors.put("syntheticPrecision", Floors.SYNTHETIC_PRECISION);
                floors.put("syntheticRecall", Floors.SYNTHETIC_RECALL);
                floors.put("syntheticMinSupport", Floors.MIN_SYNTHETIC_SUPPORT);
                root.set("synthetic", report(mapper, report));
                ArrayNode below = root.putArray("failures");
                failures.forEach(below::add);
                write(mapper, json, root);
                out.println("Wrote " + json + ".");
            } catch (IOException e) {
                err.println("backfire validate-scorer: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static String lexiconVersions(TextScorer scorer, List<String> languages) {
        return String.join(", ", languages.stream().map(scorer::lexiconVersion).toList());
    }

    private static void writeJson(Path file, TextScorer scorer, List<String> languages, int messages, long seed,
            Report synthetic, Report challenge, List<String> failures) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("scorerVersion", TextScorer.SCORER_VERSION);
        ObjectNode versions = root.putObject("lexiconVersions");
        languages.forEach(l -> versions.put(l, scorer.lexiconVersion(l)));
        root.put("messagesPerLanguage", messages);
        root.put("seed", seed);
        ObjectNode floors = root.putObject("floors");
        floors.put("syntheticPrecision", Floors.SYNTHETIC_PRECISION);
        floors.put("syntheticRecall", Floors.SYNTHETIC_RECALL);
        floors.put("syntheticMinSupport", Floors.MIN_SYNTHETIC_SUPPORT);
        floors.put("challengePrecision", Floors.CHALLENGE_PRECISION);
        floors.put("challengeRecall", Floors.CHALLENGE_RECALL);
        root.set("synthetic", report(mapper, synthetic));
        root.set("challenge", report(mapper, challenge));
        ArrayNode below = root.putArray("failures");
        failures.forEach(below::add);
        write(mapper, file, root);
    }

    private static void write(ObjectMapper mapper, Path file, ObjectNode root) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        mapper.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ObjectNode report(ObjectMapper mapper, Report report) {
        ObjectNode node = mapper.createObjectNode();
        node.put("groundTruth", report.groundTruth());
        ArrayNode rows = node.putArray("results");
        List<String> categories = new ArrayList<>(Report.CATEGORIES);
        categories.add(Report.ALL);
        for (String language : report.languages()) {
            for (String category : categories) {
                Counts c = report.of(language, category);
                ObjectNode row = rows.addObject();
                row.put("language", language);
                row.put("category", category);
                row.put("truePositives", c.truePositives());
                row.put("falsePositives", c.falsePositives());
                row.put("falseNegatives", c.falseNegatives());
                putMeasure(row, "precision", c.precision());
                putMeasure(row, "recall", c.recall());
            }
        }
        ObjectNode texts = node.putObject("texts");
        report.messages().forEach(texts::put);
        return node;
    }

    private static void putMeasure(ObjectNode row, String field, double value) {
        if (Double.isNaN(value)) {
            row.putNull(field);
        } else {
            row.put(field, value);
        }
    }

    private static int positive(String value, String option) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be >= 1: " + value);
        }
        return n;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private int usage(String problem) {
        err.println("backfire validate-scorer: " + problem);
        err.println(USAGE);
        return 2;
    }
}
