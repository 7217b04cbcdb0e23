package dev.backfire.scoring.judge;

import dev.backfire.scoring.config.ScoringConfig;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.quarkiverse.langchain4j.openai.QuarkusOpenAiChatModelBuilderFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.logging.Logger;

/**
 * The LLM judge: one call per message, built programmatically with quarkus-langchain4j's OpenAI client (as
 * the agent service builds its models) so that the provider's own retries and request logging are off and
 * this method's fault tolerance is the one retry layer. Temperature 0: a rater, not a writer.
 */
@ApplicationScoped
public class JudgeModel {
    private static final Logger LOG = Logger.getLogger(JudgeModel.class);
    /** Retries of a failed call (not of an unreadable reply, which is counted as such). */
    static final int RETRIES = 2;
    static final long RETRY_DELAY_MS = 1000;
    /** Our per-call timeout; the provider client's HTTP timeout ({@code backfire.scoring.judge.timeout}) is a backstop. */
    static final long TIMEOUT_SECONDS = 90;
    static final String CONFIG_NAME = "judge";

    private final ScoringConfig.Judge config;
    private final ChatModel model;

    public JudgeModel(ScoringConfig config) {
        this.config = config.judge();
        if (this.config.enabled()) {
            OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder();
            if (builder instanceof QuarkusOpenAiChatModelBuilderFactory.Builder quarkus) {
                quarkus.configName(CONFIG_NAME).logCurl(false);
            }
            model = builder.baseUrl(this.config.baseUrl())
                    .apiKey(this.config.apiKey().orElse(null))
                    .modelName(this.config.model())
                    .temperature(0.0)
                    .timeout(this.config.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            LOG.infof("judge: %s at %s (key %s)", this.config.model(), this.config.baseUrl(),
                    this.config.apiKey().isPresent() ? "set" : "not set");
        } else {
            model = null;
        }
    }

    public boolean enabled() {
        return model != null;
    }

    /** The model id the judge calls. */
    public String modelName() {
        return config.model();
    }

    /**
     * Rates one message.
     *
     * @throws JudgeDisabledException when the judge is off
     * @throws JudgeReplyException when the reply is not a rating (not retried)
     */
    @Timeout(value = TIMEOUT_SECONDS, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = RETRIES, delay = RETRY_DELAY_MS, abortOn = {JudgeReplyException.class,
            JudgeDisabledException.class})
    public JudgeRating rate(String language, String talk, String monologue) {
        if (model == null) {
            throw new JudgeDisabledException();
        }
        ChatResponse response = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(JudgePrompt.SYSTEM), UserMessage.from(JudgePrompt.user(language, talk,
                        monologue)))
                .build());
        AiMessage message = response == null ? null : response.aiMessage();
        return JudgeReplyParser.parse(message == null ? null : message.text());
    }
}
