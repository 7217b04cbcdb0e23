package dev.backfire.agent.metrics;

import dev.backfire.contracts.TurnFailure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Metrics of the agent service, per model and language; dashboards and alert rules use the same names
 * (Prometheus: dots become underscores, counters get {@code _total}).
 */
@ApplicationScoped
public class AgentMetrics {
    /** Counter: model calls by model, language and outcome (success: a message was published; error: a TurnFailure). */
    public static final String CALLS = "backfire.agent.calls";
    /** Counter: calls that failed for good, by model, language and kind (TurnFailure.Kind, lower case). */
    public static final String ERRORS = "backfire.agent.errors";
    /** Timer (histogram): wall-clock latency of a call, retries included, by model and language. */
    public static final String CALL_LATENCY = "backfire.agent.call.latency";
    /** Counter: tokens by model, language and direction (in, out). */
    public static final String TOKENS = "backfire.agent.tokens";
    /** Counter: estimated cost in USD from the price table, by model and language. */
    public static final String COST = "backfire.agent.cost.usd";
    /** Counter: retries (transport and bad-reply), by model and language. */
    public static final String RETRIES = "backfire.agent.retries";
    /** Counter: replies published with parseFailed (not split into talk and monologue even after the retry). */
    public static final String PARSE_FAILURES = "backfire.agent.parse.failures";
    /** Gauge: 1 while the model's circuit breaker is open, else 0 (half-open counts as 0). */
    /** Counter: replies published flagged as not in the run's language (after one more call). */
    public static final String LANGUAGE_MISMATCHES = "backfire.agent.language.mismatches";
    public static final String CIRCUIT_OPEN = "backfire.agent.circuit.open";
    /** Counter: events sent to the dead-letter topic. */
    public static final String DEAD_LETTERS = "backfire.deadletters";

    public static final String TAG_MODEL = "model";
    public static final String TAG_LANGUAGE = "language";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_KIND = "kind";
    public static final String TAG_DIRECTION = "direction";
    public static final String TAG_SERVICE = "service";
    public static final String TAG_TOPIC = "topic";
    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_ERROR = "error";
    public static final String SERVICE = "agent";

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A message was published. */
    public void answered(String model, String language, Duration latency, int inputTokens, int outputTokens,
                         double costUsd, int retries, boolean parseFailed, boolean languageMismatch) {
        registry.counter(CALLS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_OUTCOME, OUTCOME_SUCCESS).increment();
        latency(model, language).record(latency);
        registry.counter(TOKENS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_DIRECTION, "in").increment(inputTokens);
        registry.counter(TOKENS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_DIRECTION, "out").increment(outputTokens);
        registry.counter(COST, TAG_MODEL, model, TAG_LANGUAGE, language).increment(costUsd);
        retries(model, language, retries);
        // The fault counters of a (model, language) exist from its first call, at 0, so error rates and
        // alerts read 0 rather than "no data" on a clean run.
        registry.counter(CALLS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_OUTCOME, OUTCOME_ERROR);
        var parseFailures = registry.counter(PARSE_FAILURES, TAG_MODEL, model, TAG_LANGUAGE, language);
        if (parseFailed) {
            parseFailures.increment();
        }
        var mismatches = registry.counter(LANGUAGE_MISMATCHES, TAG_MODEL, model, TAG_LANGUAGE, language);
        if (languageMismatch) {
            mismatches.increment();
        }
    }

    /** A TurnFailure was published. */
    public void failed(String model, String language, TurnFailure.Kind kind, Duration latency, int retries) {
        registry.counter(CALLS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_OUTCOME, OUTCOME_ERROR).increment();
        registry.counter(ERRORS, TAG_MODEL, model, TAG_LANGUAGE, language, TAG_KIND,
                kind.name().toLowerCase(Locale.ROOT)).increment();
        latency(model, language).record(latency);
        retries(model, language, retries);
    }

    /** An unreadable event went to the dead-letter topic. */
    public void deadLetter(String topic) {
        registry.counter(DEAD_LETTERS, TAG_SERVICE, SERVICE, TAG_TOPIC, topic).increment();
    }

    /** Sets the circuit gauge of a model, registering it on first use. */
    public void circuit(String model, boolean open) {
        circuits.computeIfAbsent(model, m -> {
            AtomicInteger state = new AtomicInteger();
            Gauge.builder(CIRCUIT_OPEN, state, AtomicInteger::get).tag(TAG_MODEL, m)
                    .description("1 while the model's circuit breaker is open").register(registry);
            return state;
        }).set(open ? 1 : 0);
    }

    private void retries(String model, String language, int retries) {
        registry.counter(RETRIES, TAG_MODEL, model, TAG_LANGUAGE, language).increment(retries);
    }

    private Timer latency(String model, String language) {
        return Timer.builder(CALL_LATENCY).tag(TAG_MODEL, model).tag(TAG_LANGUAGE, language)
                .publishPercentileHistogram().register(registry);
    }
}
