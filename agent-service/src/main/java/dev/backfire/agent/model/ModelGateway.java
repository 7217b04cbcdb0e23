package dev.backfire.agent.model;

import dev.backfire.agent.config.AgentConfig;
import dev.backfire.agent.language.LanguageCheck;
import dev.backfire.agent.metrics.AgentMetrics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.protocol.scenario.ParsedReply;
import dev.backfire.protocol.scenario.ReplyParser;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Makes the model call, with SmallRye Fault Tolerance's programmatic {@link Guard}, one per model, so that
 * each model has its own circuit breaker (the annotations would give one breaker per method). A guard
 * applies, outermost first: retry (exponential backoff with jitter, honouring the provider's Retry-After,
 * {@link Backoff}), circuit breaker, timeout of one attempt. This is the only retry layer: the provider
 * clients are built with retries off ({@link ModelRegistry}).
 *
 * <p>A reply that is empty, cannot be split into talk and monologue ({@link ReplyParser}) or is not a
 * readable provider response (BAD_REPLY) gets one more call; then the unsplittable reply is answered with
 * {@code parseFailed}, and the unreadable one fails as BAD_REPLY. A reply that is not in the run's language
 * ({@link LanguageCheck}) gets one more call too, and is then answered with {@code languageMismatch}. Which failures are retried, and which count
 * against the circuit: {@link Failures}. Never throws for a failed call: it returns {@link CallOutcome.Failed}.
 *
 * <p>Created at startup, so that a bad model catalogue fails the start rather than the first turn.
 */
@Startup
@ApplicationScoped
public class ModelGateway {
    private static final Logger LOG = Logger.getLogger(ModelGateway.class);
    /** Calls per turn request for the content check: the first, and one retry. */
    private static final int REPLY_ATTEMPTS = 2;

    private final ModelRegistry models;
    private final AgentConfig config;
    private final AgentMetrics metrics;
    private final SimulatedLatency latency;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final LanguageCheck languages = LanguageCheck.loadBundled(ScenarioLibrary.loadBundled().languages());

    public ModelGateway(ModelRegistry models, AgentConfig config, AgentMetrics metrics) {
        this.models = models;
        this.config = config;
        this.metrics = metrics;
        AgentConfig.Latency l = config.synthetic().latency();
        this.latency = new SimulatedLatency(l.mode(), l.mean(), l.sigma());
        for (String name : models.names()) {
            metrics.circuit(name, false);
        }
    }

    /** Calls the model the request names, with retries; the outcome to publish. */
    public CallOutcome call(TurnRequest request) {
        long start = System.nanoTime();
        String name = request.settings().model();
        ServedModel served = models.find(name).orElse(null);
        if (served == null) {
            return new CallOutcome.Failed(TurnFailure.Kind.UNKNOWN_MODEL,
                    new UnknownModelException(name, models.names()).getMessage(), 0, since(start));
        }
        Guard guard = guards.computeIfAbsent(name, n -> guard(served));
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(request.systemPrompt()), UserMessage.from(request.userPrompt()))
                .parameters(served.parameters(request.settings()))
                .build();
        AtomicInteger attempts = new AtomicInteger();
        ModelReply reply = null;
        ParsedReply parsed = null;
        boolean wrongLanguage = false;
        for (int replyAttempt = 1; replyAttempt <= REPLY_ATTEMPTS; replyAttempt++) {
            try {
                reply = guard.call(() -> attempt(served, chat, request.settings().seed(), attempts), ModelReply.class);
            } catch (Exception e) {
                TurnFailure.Kind kind = Failures.kind(e);
                if (kind == TurnFailure.Kind.BAD_REPLY && replyAttempt < REPLY_ATTEMPTS) {
                    LOG.debugf("model %s: unreadable reply to %s, one more call", name, request.eventId());
                    continue;
                }
                int retries = Math.max(0, attempts.get() - 1);
                if (reply != null) {
                    // the retry of an unsplittable reply failed: publish that reply, flagged
                    LOG.debugf("model %s: retry of %s failed (%s), keeping the unsplittable reply", name,
                            request.eventId(), kind);
                    break;
                }
                String reason = Failures.reason(e, models.secrets());
                LOG.warnf("model %s: %s gave up after %d retries: %s", name, request.eventId(), retries, reason);
                return new CallOutcome.Failed(kind, reason, retries, since(start));
            }
            parsed = ReplyParser.parse(reply.text());
            if (!parsed.parseFailed() && !(parsed.talk().isEmpty() && parsed.monologue().isEmpty())) {
                String language = request.condition().language();
                wrongLanguage = languages.check(language, parsed.talk() + "\n" + parsed.monologue())
                        == LanguageCheck.Verdict.MISMATCH;
                if (!wrongLanguage) {
                    break;
                }
                if (replyAttempt < REPLY_ATTEMPTS) {
                    LOG.debugf("model %s: reply to %s is not in %s, one more call", name, request.eventId(), language);
                }
                continue;
            }
            wrongLanguage = false;
            parsed = new ParsedReply(parsed.talk(), parsed.monologue(), true);
            if (replyAttempt < REPLY_ATTEMPTS) {
                LOG.debugf("model %s: reply to %s is empty or unsplittable, one more call", name, request.eventId());
            }
        }
        return new CallOutcome.Answered(reply, parsed, wrongLanguage, Math.max(0, attempts.get() - 1), since(start));
    }

    /** One attempt: a single provider call. */
    private ModelReply attempt(ServedModel served, ChatRequest chat, long seed, AtomicInteger attempts) {
        attempts.incrementAndGet();
        if (served.provider() == ServedModel.Kind.SYNTHETIC) {
            latency.await(seed);
        }
        ChatResponse response = served.model().chat(chat);
        AiMessage message = response == null ? null : response.aiMessage();
        if (message == null) {
            throw new BadReplyException("the provider returned no message");
        }
        var usage = response.tokenUsage();
        return new ModelReply(message.text() == null ? "" : message.text(),
                response.modelName() == null || response.modelName().isBlank() ? served.modelId() : response.modelName(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                response.metadata() instanceof SyntheticResponseMetadata s ? s.intendedHits() : null);
    }

    private Guard guard(ServedModel served) {
        AgentConfig.Retry retry = config.call().retry();
        AgentConfig.CircuitBreaker breaker = config.call().circuitBreaker();
        Duration timeout = config.models().containsKey(served.name())
                ? config.models().get(served.name()).timeout().orElse(config.call().timeout())
                : config.call().timeout();
        String name = served.name();
        return Guard.create()
                .withDescription("model " + name)
                .withRetry()
                    .maxRetries(retry.maxRetries())
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(retry.maxDuration().toMillis(), ChronoUnit.MILLIS)
                    .whenException(e -> Failures.retryable(e, retry.maxRetryAfter()))
                    .withCustomBackoff()
                        .strategy(() -> new Backoff(retry.initialDelay(), retry.factor(), retry.maxDelay(), retry.jitter()))
                        .done()
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    .when(Failures::countsAgainstCircuit)
                    .onStateChange(state -> {
                        LOG.infof("model %s: circuit %s", name, state);
                        metrics.circuit(name, state == CircuitBreakerState.OPEN);
                    })
                    .done()
                .withTimeout()
                    .duration(timeout.toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
