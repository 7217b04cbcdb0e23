package dev.backfire.agent.messaging;

import dev.backfire.agent.metrics.AgentMetrics;
import dev.backfire.agent.model.CallOutcome;
import dev.backfire.agent.model.ModelGateway;
import dev.backfire.agent.model.ModelRegistry;
import dev.backfire.agent.model.ServedModel;
import dev.backfire.agent.model.SyntheticChatModel;
import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.contracts.Usage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Answers turn requests. Stateless: everything it needs is in the request, so replicas share the work
 * through the consumer group. Each request ends in exactly one event keyed by run id: an
 * {@link AgentMessage} on the agent-messages channel, or a {@link TurnFailure} on the turn-failures channel
 * when the call failed for good (the orchestrator decides what to do). The incoming offset is acknowledged
 * only after that event is on Kafka (the method blocks on the broker's acknowledgement, then returns); an
 * unreadable request goes to the dead-letter topic.
 */
@ApplicationScoped
public class TurnProcessor {
    public static final String IN = "turn-requests";
    public static final String OUT = "agent-messages";
    public static final String FAILURES = "turn-failures";

    private final ModelGateway gateway;
    private final ModelRegistry models;
    private final AgentMetrics metrics;
    private final MutinyEmitter<Record<String, String>> messages;
    private final MutinyEmitter<Record<String, String>> failures;

    public TurnProcessor(ModelGateway gateway, ModelRegistry models, AgentMetrics metrics,
                         @Channel(OUT) MutinyEmitter<Record<String, String>> messages,
                         @Channel(FAILURES) MutinyEmitter<Record<String, String>> failures) {
        this.gateway = gateway;
        this.models = models;
        this.metrics = metrics;
        this.messages = messages;
        this.failures = failures;
    }

    // Blocking: the model call (and its retry delays) holds the thread; its own pool bounds calls in flight.
    @Incoming(IN)
    @Blocking(value = "model-calls", ordered = false)
    public void answer(String payload) {
        TurnRequest request;
        try {
            request = EventCodec.decode(payload, TurnRequest.class);
        } catch (MalformedEventException e) {
            metrics.deadLetter(Topics.TURN_REQUESTS);
            throw e;
        }
        String model = request.settings().model();
        String language = request.condition().language();
        CallOutcome outcome = gateway.call(request);
        if (outcome instanceof CallOutcome.Answered a) {
            double cost = models.find(model).map(m -> m.cost(a.reply().inputTokens(), a.reply().outputTokens()))
                    .orElse(0.0);
            AgentMessage message = new AgentMessage(SchemaVersions.AGENT_MESSAGE,
                    EventIds.message(request.condition().runId(), request.turn(), request.agentId()),
                    request.condition(), request.agentId(), request.aligned(), request.turn(), a.parsed().talk(),
                    a.parsed().monologue(), model, a.reply().fingerprint(),
                    models.find(model).map(m -> m.provider() == ServedModel.Kind.SYNTHETIC)
                            .orElse(SyntheticChatModel.NAME.equals(model)),
                    a.parsed().parseFailed(), a.languageMismatch(),
                    new Usage(a.reply().inputTokens(), a.reply().outputTokens(), a.latency().toMillis(), a.retries(),
                            cost),
                    request.promptHash(), a.reply().intendedHits(), System.currentTimeMillis());
            messages.sendAndAwait(Record.of(message.key(), EventCodec.encode(message)));
            metrics.answered(model, language, a.latency(), a.reply().inputTokens(), a.reply().outputTokens(), cost,
                    a.retries(), a.parsed().parseFailed(), a.languageMismatch());
        } else if (outcome instanceof CallOutcome.Failed f) {
            TurnFailure failure = new TurnFailure(SchemaVersions.TURN_FAILURE, request.eventId(),
                    request.condition(), request.agentId(), request.turn(), model, f.kind(), f.reason(),
                    f.retries(), System.currentTimeMillis());
            failures.sendAndAwait(Record.of(failure.key(), EventCodec.encode(failure)));
            metrics.failed(model, language, f.kind(), f.latency(), f.retries());
        }
    }
}
