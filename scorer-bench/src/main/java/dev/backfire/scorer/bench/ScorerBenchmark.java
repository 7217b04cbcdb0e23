package dev.backfire.scorer.bench;

import dev.backfire.scorer.TextScore;
import dev.backfire.scorer.TextScorer;
import dev.backfire.scorer.validation.SyntheticCorpus;
import dev.backfire.scorer.validation.Validator;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Messages scored per second on one thread, per language: one operation scores both channels of one
 * synthetic reply (talk and monologue), as the scoring service does per message. One thread, so the
 * figure is per core; the replies are a seeded synthetic corpus covering every phase of the scenario, so
 * their lengths are those of a study.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScorerBenchmark {
    /** Distinct replies cycled through, so that no single text is cached by the branch predictor. */
    static final int CORPUS = 600;
    static final long SEED = 20260304L;

    @Param({"en", "ja", "zh", "ko", "ar", "hi", "th", "vi", "fi", "de", "fr", "es", "ru", "pt", "id", "tr"})
    public String language;

    private TextScorer scorer;
    private List<Validator.Labelled> messages;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        scorer = TextScorer.loadBundled();
        messages = SyntheticCorpus.of(SyntheticGenerator.loadBundled(SyntheticParameters.defaults()), language,
                CORPUS, SEED);
    }

    @Benchmark
    public void scoreMessage(Blackhole sink) {
        Validator.Labelled message = messages.get(next);
        next = next + 1 == messages.size() ? 0 : next + 1;
        TextScore talk = scorer.score(language, message.talk());
        TextScore monologue = scorer.score(language, message.monologue());
        sink.consume(talk);
        sink.consume(monologue);
    }
}
