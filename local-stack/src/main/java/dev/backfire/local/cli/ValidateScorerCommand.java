package dev.backfire.local.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backfire.scorer.InvalidLexiconException;
import dev.backfire.scorer.TextScorer;
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
 * sentences, with the floors of {@link Floors}. Exit 0 when every floor holds, 1 when one fails, 2 on bad
 * input.
 */
final class ValidateScorerCommand {
    static final String USAGE = "usage: backfire validate-scorer [--languages L1,L2,...] [--messages N (default "
            + ValidateScorerCommand.DEFAULT_MESSAGES + ")] [--seed S] [--lexicons DIR] [--json FILE]";
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
        TextScorer scorer;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--languages" -> languages = Arrays.stream(value(args, ++i, a).split(","))
                            .map(String::strip).filter(s -> !s.isEmpty()).toList();
                    case "--messages" -> messages = positive(value(args, ++i, a), a);
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                    case "--lexicons" -> lexicons = Path.of(value(args, ++i, a));
                    case "--json" -> json = Path.of(value(args, ++i, a));
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument '" + a + "'");
                }
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
