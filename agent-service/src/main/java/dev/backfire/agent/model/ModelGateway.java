package dev.backfire.agent.model;

import dev.backfire.contracts.TurnRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Makes the model call. Fault tolerance sits here, on the method that makes the remote call, and only
 * here (the providers' own retries are switched off): one retry layer.
 */
@ApplicationScoped
public class ModelGateway {
    private final ModelRegistry models;

    public ModelGateway(ModelRegistry models) {
        this.models = models;
    }

    /**
     * Calls the model the request names.
     *
     * @throws UnknownModelException when this agent does not offer that model (not retried)
     */
    @Timeout(value = 60_000)
    @Retry(maxRetries = 3, delay = 500, jitter = 250, abortOn = UnknownModelException.class)
    public ModelReply call(TurnRequest request) {
        ChatModel model = models.find(request.settings().model())
                .orElseThrow(() -> new UnknownModelException(request.settings().model(), models.names()));
        ChatRequest chat = ChatRequest.builder()
                .messages(SystemMessage.from(request.systemPrompt()), UserMessage.from(request.userPrompt()))
                .parameters(SyntheticRequestParameters.builder()
                        .temperature(request.settings().temperature())
                        .maxOutputTokens(request.settings().maxTokens())
                        .seed(request.settings().seed())
                        .build())
                .build();
        ChatResponse response = model.chat(chat);
        var usage = response.tokenUsage();
        return new ModelReply(response.aiMessage().text(),
                response.modelName() == null ? request.settings().model() : response.modelName(),
                usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount(),
                response.metadata() instanceof SyntheticResponseMetadata s ? s.intendedHits() : null);
    }
}
