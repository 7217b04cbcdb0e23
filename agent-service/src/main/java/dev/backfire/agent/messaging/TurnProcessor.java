package dev.backfire.agent.messaging;

import dev.backfire.agent.metrics.AgentMetrics;
import dev.backfire.agent.model.ModelGateway;
import dev.backfire.agent.model.ModelReply;
import dev.backfire.agent.model.SyntheticChatModel;
import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.contracts.Usage;
import dev.backfire.protocol.scenario.ParsedReply;
import dev.backfire.protocol.scenario.ReplyParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Answers turn requests. Stateless: everything it needs is in the request, so replicas share the work
 * through the consumer group. The incoming offset is acknowledged only after the reply is on Kafka;
 * an unreadable request goes to the dead-letter topic.
 */
@ApplicationScoped
public class TurnProcessor {
    public static final String IN = "turn-requests";
    public static final String OUT = "agent-messages";

    private final ModelGateway gateway;
    private final MeterRegistry registry;

    public TurnProcessor(ModelGateway gateway, MeterRegistry registry) {
        this.gateway = gateway;
        this.registry = registry;
    }

    @Incoming(IN)
    @Outgoing(OUT)
    @Blocking(value = "model-calls", ordered = false)
    public Record<String, String> answer(String payload) {
        TurnRequest request;
        try {
            request = EventCodec.decode(payload, TurnRequest.class);
        } catch (MalformedEventException e) {
            registry.counter(AgentMetrics.DEAD_LETTERS, AgentMetrics.TAG_SERVICE, AgentMetrics.SERVICE,
                    AgentMetrics.TAG_TOPIC, Topics.TURN_REQUESTS).increment();
            throw e;
        }
        String model = request.settings().model();
        String language = request.condition().language();
        long start = System.nanoTime();
        ModelReply reply;
        try {
            reply = gateway.call(request);
        } catch (RuntimeException e) {
            registry.counter(AgentMetrics.CALLS, AgentMetrics.TAG_MODEL, model, AgentMetrics.TAG_LANGUAGE, language,
                    AgentMetrics.TAG_OUTCOME, AgentMetrics.OUTCOME_ERROR).increment();
            throw e;
        }
        long latencyNanos = System.nanoTime() - start;
        registry.counter(AgentMetrics.CALLS, AgentMetrics.TAG_MODEL, model, AgentMetrics.TAG_LANGUAGE, language,
                AgentMetrics.TAG_OUTCOME, AgentMetrics.OUTCOME_SUCCESS).increment();
        Timer.builder(AgentMetrics.CALL_LATENCY).tag(AgentMetrics.TAG_MODEL, model)
                .tag(AgentMetrics.TAG_LANGUAGE, language).publishPercentileHistogram().register(registry)
                .record(latencyNanos, TimeUnit.NANOSECONDS);
        registry.counter(AgentMetrics.TOKENS, AgentMetrics.TAG_MODEL, model, AgentMetrics.TAG_LANGUAGE, language,
                AgentMetrics.TAG_DIRECTION, "in").increment(reply.inputTokens());
        registry.counter(AgentMetrics.TOKENS, AgentMetrics.TAG_MODEL, model, AgentMetrics.TAG_LANGUAGE, language,
                AgentMetrics.TAG_DIRECTION, "out").increment(reply.outputTokens());

        ParsedReply parsed = ReplyParser.parse(reply.text());
        if (parsed.parseFailed()) {
            registry.counter(AgentMetrics.PARSE_FAILURES, AgentMetrics.TAG_MODEL, model).increment();
        }
        AgentMessage message = new AgentMessage(SchemaVersions.AGENT_MESSAGE,
                EventIds.message(request.condition().runId(), request.turn(), request.agentId()),
                request.condition(), request.agentId(), request.aligned(), request.turn(), parsed.talk(),
                parsed.monologue(), model, reply.fingerprint(), SyntheticChatModel.NAME.equals(model),
                parsed.parseFailed(), new Usage(reply.inputTokens(), reply.outputTokens(),
                        TimeUnit.NANOSECONDS.toMillis(latencyNanos), 0),
                request.promptHash(), reply.intendedHits(), System.currentTimeMillis());
        return Record.of(message.key(), EventCodec.encode(message));
    }
}
