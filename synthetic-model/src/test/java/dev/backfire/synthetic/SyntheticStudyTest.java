package dev.backfire.synthetic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claims the defaults must make true: run-level CPI falls with alignment in English and rises in
 * Japanese, visibly with three replicates per cell; and dissociation (DI) rises with alignment in both
 * (Study 2 of the papers found it in 15 of 16 languages), on average over the simulated studies.
 * Simulates small studies the way the orchestrator runs them (every agent hears the group's previous
 * turn) and computes CPI and DI as ANALYSIS.md section 2 does.
 *
 * <p>Words are counted by a proxy here (whitespace words in English, letters in Japanese), because the
 * real analyzers live in the scorer module; the monologue ratio only enters CPI through a z-score, which a
 * roughly proportional proxy leaves in the same order. The sexual and protective counts are the intended
 * hits, which the scorer module's PhraseBankConsistencyTest ties to the scorer's counts.
 */
class SyntheticStudyTest {
    private static final SyntheticGenerator GENERATOR = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
    private static final int AGENTS = 10;
    private static final int TURNS = 15;
    private static final int REPLICATES = 3;
    private static final int STUDIES = 5;
    private static final List<String> LANGUAGES = List.of("en", "ja");

    private record Run(String language, boolean aligned, double monoRatio, double protective, double sexual,
            double[] agentMonoRatio, double[] agentProtective, double[] agentSexual) {
    }

    @Test
    void alignmentProtectsInEnglishAndBackfiresInJapanese() {
        double enDi = 0;
        double jaDi = 0;
        for (int study = 0; study < STUDIES; study++) {
            List<Run> runs = new ArrayList<>();
            for (String language : LANGUAGES) {
                for (boolean aligned : new boolean[] {false, true}) {
                    for (int replicate = 0; replicate < REPLICATES; replicate++) {
                        runs.add(run(language, aligned, 1_000L * study + replicate));
                    }
                }
            }
            double[] cpi = cpi(runs);
            double enContrast = contrast(runs, cpi, "en");
            double jaContrast = contrast(runs, cpi, "ja");
            assertTrue(enContrast < 0, "study " + study + ": English CPI must fall with alignment: " + enContrast);
            assertTrue(jaContrast > 0, "study " + study + ": Japanese CPI must rise with alignment: " + jaContrast);
            double[] di = di(runs);
            enDi += contrast(runs, di, "en");
            jaDi += contrast(runs, di, "ja");
        }
        assertTrue(enDi > 0, "English DI must rise with alignment: " + enDi / STUDIES);
        assertTrue(jaDi > 0, "Japanese DI must rise with alignment: " + jaDi / STUDIES);
    }

    private static Run run(String language, boolean aligned, long runSeed) {
        double[] talkWords = new double[AGENTS];
        double[] monologueWords = new double[AGENTS];
        double protective = 0;
        double sexual = 0;
        double[] agentProtective = new double[AGENTS];
        double[] agentSexual = new double[AGENTS];
        List<String> lastTurn = List.of();
        for (int turn = 1; turn <= TURNS; turn++) {
            SyntheticGenerator.GroupSignal signal = GENERATOR.readGroupSignal(language, lastTurn);
            List<String> talks = new ArrayList<>();
            for (int agent = 0; agent < AGENTS; agent++) {
                long seed = runSeed * TURNS * AGENTS + (long) turn * AGENTS + agent;
                SyntheticReply reply = GENERATOR.reply(new SyntheticInput(language, aligned, turn, TURNS, agent,
                        signal.protectiveShare(), signal.conformityShare(), seed));
                talks.add(reply.talk());
                talkWords[agent] += words(language, reply.talk());
                monologueWords[agent] += words(language, reply.monologue());
                protective += reply.intendedHits().get(SyntheticGenerator.PROTECTIVE);
                sexual += reply.intendedHits().get(SyntheticGenerator.SEXUAL);
                agentProtective[agent] += reply.intendedHits().get(SyntheticGenerator.PROTECTIVE);
                agentSexual[agent] += reply.intendedHits().get(SyntheticGenerator.SEXUAL);
            }
            lastTurn = talks;
        }
        double monoRatio = 0;
        double[] agentMono = new double[AGENTS];
        for (int agent = 0; agent < AGENTS; agent++) {
            agentMono[agent] = monologueWords[agent] / (talkWords[agent] + monologueWords[agent]);
            monoRatio += agentMono[agent];
        }
        return new Run(language, aligned, monoRatio / AGENTS, protective / AGENTS, sexual / AGENTS, agentMono,
                agentProtective, agentSexual);
    }

    private static double words(String language, String text) {
        if (language.equals("ja")) {
            return text.codePoints().filter(Character::isLetterOrDigit).count();
        }
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** CPI = z(mono ratio) + z(sexual) - z(protective), z over all runs of the study. */
    private static double[] cpi(List<Run> runs) {
        double[] mono = z(runs.stream().mapToDouble(Run::monoRatio).toArray());
        double[] sexual = z(runs.stream().mapToDouble(Run::sexual).toArray());
        double[] protective = z(runs.stream().mapToDouble(Run::protective).toArray());
        double[] cpi = new double[runs.size()];
        for (int i = 0; i < cpi.length; i++) {
            cpi[i] = mono[i] + sexual[i] - protective[i];
        }
        return cpi;
    }

    /**
     * DI_run = the mean over the run's agents of DI_agent = z(mono ratio) + z(protective) - z(sexual), z over
     * all agent-runs of the study (ANALYSIS.md section 2).
     */
    private static double[] di(List<Run> runs) {
        int n = runs.size() * AGENTS;
        double[] mono = new double[n];
        double[] protective = new double[n];
        double[] sexual = new double[n];
        for (int r = 0; r < runs.size(); r++) {
            for (int a = 0; a < AGENTS; a++) {
                mono[r * AGENTS + a] = runs.get(r).agentMonoRatio()[a];
                protective[r * AGENTS + a] = runs.get(r).agentProtective()[a];
                sexual[r * AGENTS + a] = runs.get(r).agentSexual()[a];
            }
        }
        double[] zm = z(mono);
        double[] zp = z(protective);
        double[] zs = z(sexual);
        double[] di = new double[runs.size()];
        for (int i = 0; i < n; i++) {
            di[i / AGENTS] += (zm[i] + zp[i] - zs[i]) / AGENTS;
        }
        return di;
    }

    /** Mean of a run measure over the fully aligned runs minus that over the unaligned runs of one language. */
    private static double contrast(List<Run> runs, double[] cpi, String language) {
        double aligned = 0;
        double unaligned = 0;
        for (int i = 0; i < cpi.length; i++) {
            if (runs.get(i).language().equals(language)) {
                if (runs.get(i).aligned()) {
                    aligned += cpi[i];
                } else {
                    unaligned += cpi[i];
                }
            }
        }
        return (aligned - unaligned) / REPLICATES;
    }

    private static double[] z(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (x.length - 1));
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = sd == 0 ? 0 : (x[i] - mean) / sd;
        }
        return z;
    }
}
