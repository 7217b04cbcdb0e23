package dev.backfire.local.cli;

import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptContext;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RenderedPrompt;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.scenario.TranscriptLine;
import dev.backfire.protocol.spec.DesignExpander;
import dev.backfire.protocol.spec.InvalidSpecException;
import dev.backfire.protocol.spec.PlannedRun;
import dev.backfire.protocol.spec.SpecError;
import dev.backfire.protocol.spec.StudySpec;
import dev.backfire.protocol.spec.StudySpecParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code backfire plan <spec>}: validates a spec and prints its design (cells, runs, model calls), its
 * protocol (turn order, censorship, context), its budgets and an estimate of the tokens it will use per
 * language, without starting anything.
 *
 * <p>The token estimate renders the real prompts of each language: input tokens per call are the
 * rendered system and user prompt plus a transcript of the previous turn in which every agent spoke
 * {@link #ASSUMED_REPLY_SHARE} of {@code maxTokens}; with sequential turns, the mean over speaking
 * positions of the earlier speakers' talk of the same turn, at the same length, is added. Output tokens
 * are the same share of {@code maxTokens}. Characters are turned into tokens at {@link #CHARS_PER_TOKEN}
 * (Latin scripts) or {@link #CHARS_PER_TOKEN_CJK} (scripts without spaces) characters per token. An
 * estimate, stated as one.
 */
final class PlanCommand {
    static final String USAGE = "usage: backfire plan <spec.yaml>";
    static final double ASSUMED_REPLY_SHARE = 0.5;
    static final double CHARS_PER_TOKEN = 4.0;
    static final double CHARS_PER_TOKEN_CJK = 1.5;
    private static final List<String> DENSE_SCRIPTS = List.of("ja", "zh", "ko", "th");
    private static final double PERCENT = 100.0;

    private final PrintStream out;
    private final PrintStream err;

    PlanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            if (args.contains("-h") || args.contains("--help")) {
                out.println(USAGE);
                return 0;
            }
            err.println("backfire plan: exactly one spec file is required");
            err.println(USAGE);
            return 2;
        }
        Path file = Path.of(args.get(0));
        StudySpec spec;
        try {
            spec = new StudySpecParser().parse(Files.readAllBytes(file));
        } catch (IOException e) {
            err.println("backfire: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (InvalidSpecException e) {
            err.println("backfire: " + file + " is not a valid study spec:");
            for (SpecError error : e.errors()) {
                err.println("  " + file.getFileName() + ":" + error);
            }
            return 2;
        }
        print(spec);
        return 0;
    }

    private void print(StudySpec spec) {
        List<PlannedRun> runs = DesignExpander.expand(spec, spec.name());
        out.printf(Locale.ROOT, "Study '%s' (%s): %s%n", spec.name(), spec.model().name(),
                spec.description().isBlank() ? "no description" : spec.description());
        out.printf(Locale.ROOT, "Design: %d languages x %d alignment ratios x %d replicates = %d cells, %,d runs%n",
                spec.languages().size(), spec.alignmentRatios().size(), spec.replicates(),
                spec.languages().size() * spec.alignmentRatios().size(), runs.size());
        out.printf(Locale.ROOT, "Each run: %d agents x %d turns = %d calls; in all %,d model calls%n",
                spec.agents(), spec.turns(), spec.agents() * spec.turns(), spec.callCount());
        out.printf(Locale.ROOT, "Ratios %s give %s aligned agents of %d; alignment level %s; seed %d%n",
                spec.alignmentRatios(), spec.alignmentRatios().stream()
                        .map(r -> String.valueOf(Math.round(r * spec.agents()))).toList(),
                spec.agents(), spec.alignmentLevel(), spec.seed());
        printProtocol(spec);
        printBudgets(spec);
        out.println();
        out.println("Estimated tokens (replies assumed at half of maxTokens"
                + (spec.turnOrder() == StudySpec.TurnOrder.SEQUENTIAL
                        ? "; each agent also hears the earlier speakers of its turn" : "")
                + "; an estimate, not a quote):");
        out.printf(Locale.ROOT, "  %-8s %8s %12s %16s %16s%n", "language", "runs", "calls", "input tokens",
                "output tokens");
        PromptRenderer renderer = new PromptRenderer(ScenarioLibrary.loadBundled());
        long totalIn = 0;
        long totalOut = 0;
        for (String language : spec.languages()) {
            long calls = (long) spec.alignmentRatios().size() * spec.replicates() * spec.agents() * spec.turns();
            double perCallIn = inputTokensPerCall(renderer, language, spec);
            long in = Math.round(perCallIn * calls);
            long outTokens = Math.round(spec.model().maxTokens() * ASSUMED_REPLY_SHARE * calls);
            totalIn += in;
            totalOut += outTokens;
            out.printf(Locale.ROOT, "  %-8s %8d %,12d %,16d %,16d%n", language,
                    spec.alignmentRatios().size() * spec.replicates(), calls, in, outTokens);
        }
        out.printf(Locale.ROOT, "  %-8s %8d %,12d %,16d %,16d%n", "total", runs.size(), spec.callCount(), totalIn,
                totalOut);
        if (spec.hasTokenBudget()) {
            long estimate = totalIn + totalOut;
            out.printf(Locale.ROOT, "The estimate is %.0f%% of the token budget of %,d%s%n",
                    PERCENT * estimate / spec.maxTotalTokens(), spec.maxTotalTokens(),
                    estimate > spec.maxTotalTokens()
                            ? ": the study would stop at the budget (BUDGET_EXHAUSTED) with runs left pending" : "");
        }
    }

    private void printProtocol(StudySpec spec) {
        String order = switch (spec.turnOrder()) {
            case SIMULTANEOUS -> "all agents answer each turn at once";
            case SEQUENTIAL -> "agents answer one after another in a seeded speaking order per run, rotated one"
                    + " place each turn; each hears the earlier speakers of its turn";
        };
        out.printf(Locale.ROOT, "Turn order: %s (%s)%n", spec.turnOrder().specName(), order);
        StudySpec.Censorship c = spec.censorship();
        String censorship = switch (c.mode()) {
            case NONE -> "no agent is censored";
            case VISIBLE_NOTICE -> "agent " + c.agent() + "'s talk is replaced by a removal notice for the others";
            case SILENT_DROP -> "agent " + c.agent() + "'s talk is removed without a trace for the others";
            case WITHDRAWING_PERSONA -> "agent " + c.agent() + " is given the withdrawing persona; the others hear"
                    + " it unchanged";
        };
        out.printf(Locale.ROOT, "Censorship: %s (%s); individuation: %d agents per run%n", c.mode().specName(),
                censorship, spec.individuatedAgents());
        StudySpec.ContextPolicy context = spec.context();
        out.printf(Locale.ROOT, "Context: %d previous turn%s of talk; own last monologue %s%n",
                context.transcriptTurns(), context.transcriptTurns() == 1 ? "" : "s",
                context.ownMonologue() ? "shown" : "not shown");
        if (!spec.model().synthetic().isEmpty()) {
            out.println("Synthetic model parameters (over the agent's configuration): " + String.join(", ",
                    spec.model().synthetic().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        }
    }

    private void printBudgets(StudySpec spec) {
        String tokens = spec.hasTokenBudget() ? String.format(Locale.ROOT, "%,d tokens", spec.maxTotalTokens())
                : "none";
        String money = spec.hasCostBudget() ? usd(spec.maxCostUsd())
                + " (priced by the orchestrator's price table)" : "none";
        out.printf(Locale.ROOT, "Budgets: maxTotalTokens %s; maxCostUsd %s; at most %d runs at once%n", tokens, money,
                spec.maxConcurrentRuns());
    }

    /** Dollars with cents, or every digit written when the amount is finer than a cent. */
    private static String usd(BigDecimal amount) {
        return "US$" + (amount.stripTrailingZeros().scale() <= 2 ? String.format(Locale.ROOT, "%,.2f", amount)
                : amount.toPlainString());
    }

    /**
     * Mean over turns (and, with sequential turns, over speaking positions) of the rendered prompt, with a
     * full previous-turn transcript of assumed length.
     */
    private static double inputTokensPerCall(PromptRenderer renderer, String language, StudySpec spec) {
        double charsPerToken = DENSE_SCRIPTS.contains(language) ? CHARS_PER_TOKEN_CJK : CHARS_PER_TOKEN;
        int replyChars = (int) Math.round(spec.model().maxTokens() * ASSUMED_REPLY_SHARE * charsPerToken);
        String assumedTalk = String.join("", Collections.nCopies(replyChars, "x"));
        List<TranscriptLine> everyone = new ArrayList<>();
        for (int agent = 0; agent < spec.agents(); agent++) {
            everyone.add(new TranscriptLine(agent, assumedTalk));
        }
        int positions = spec.turnOrder() == StudySpec.TurnOrder.SEQUENTIAL ? spec.agents() : 1;
        double sum = 0;
        for (int turn = 1; turn <= spec.turns(); turn++) {
            List<TranscriptLine> transcript = turn > 1 ? everyone : List.of();
            for (int position = 0; position < positions; position++) {
                RenderedPrompt p = renderer.render(language, new PromptContext(0, AlignmentLevel.STANDARD, false,
                        turn, spec.turns(), transcript, null).withThisTurnSoFar(everyone.subList(0, position)));
                sum += (p.system().length() + p.user().length()) / charsPerToken;
            }
        }
        return sum / spec.turns() / positions;
    }
}
