package dev.backfire.agent.model;

import dev.backfire.agent.config.AgentConfig;
import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticParameters;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.quarkiverse.langchain4j.jaxrsclient.JaxRsHttpClientBuilder;
import io.quarkiverse.langchain4j.openai.QuarkusOpenAiChatModelBuilderFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * The models this agent can call, by the name a study spec uses: the built-in synthetic model and the
 * catalogue {@code backfire.agent.models.<name>}.
 *
 * <p>Catalogue models are built here, programmatically, with quarkus-langchain4j's provider clients (the
 * Quarkus REST client for OpenAI-compatible endpoints, its JAX-RS client for Ollama), rather than injected
 * as {@code @ModelName} beans. With quarkus-langchain4j 1.7.4 the named beans are fixed at build time
 * ({@code quarkus.langchain4j.<name>.chat-model.provider} is a build-time property), and the Ollama bean
 * keeps langchain4j's two internal retries with no key to switch them off; building here lets a deployment
 * add a model by configuration alone and guarantees one retry layer (provider retries 0, request and
 * response logging off, whatever else is configured).
 */
@ApplicationScoped
public class ModelRegistry {
    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1/";
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";

    private final Map<String, ServedModel> models = new TreeMap<>();
    private final List<String> secrets;

    public ModelRegistry(AgentConfig config) {
        if (config.synthetic().enabled()) {
            SyntheticGenerator banks = SyntheticGenerator.loadBundled(SyntheticParameters.defaults());
            SyntheticParameters configured;
            try {
                configured = banks.parameters(SyntheticSettings.of(config.synthetic()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("backfire.agent.synthetic: " + e.getMessage(), e);
            }
            models.put(SyntheticChatModel.NAME, new ServedModel(SyntheticChatModel.NAME, ServedModel.Kind.SYNTHETIC,
                    new SyntheticChatModel(banks.withParameters(configured), ScenarioLibrary.loadBundled()),
                    SyntheticGenerator.VERSION, 0, 0));
        }
        config.models().forEach((name, m) -> {
            if (SyntheticChatModel.NAME.equals(name)) {
                throw new IllegalArgumentException("backfire.agent.models." + name + ": the name is reserved");
            }
            Duration timeout = httpTimeout(m.timeout().orElse(config.call().timeout()));
            String modelId = m.modelId().orElse(name);
            ServedModel served = switch (m.provider()) {
                case OPENAI -> new ServedModel(name, ServedModel.Kind.OPENAI,
                        openAi(name, m.baseUrl().orElse(OPENAI_DEFAULT_URL), m.apiKey().orElse(null), modelId, timeout),
                        modelId, m.pricePer1kInput(), m.pricePer1kOutput());
                case OLLAMA -> new ServedModel(name, ServedModel.Kind.OLLAMA,
                        ollama(m.baseUrl().orElse(OLLAMA_DEFAULT_URL), modelId, timeout),
                        modelId, m.pricePer1kInput(), m.pricePer1kOutput());
            };
            models.put(name, served);
            LOG.infof("model %s: %s %s at %s (key %s)", name, m.provider().name().toLowerCase(), modelId,
                    m.baseUrl().orElse(m.provider() == AgentConfig.Provider.OPENAI ? OPENAI_DEFAULT_URL : OLLAMA_DEFAULT_URL),
                    m.apiKey().isPresent() ? "set" : "not set");
        });
        this.secrets = config.models().values().stream().flatMap(m -> m.apiKey().stream()).toList();
    }

    private static ChatModel openAi(String name, String baseUrl, String apiKey, String modelId, Duration timeout) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder();
        if (builder instanceof QuarkusOpenAiChatModelBuilderFactory.Builder quarkus) {
            quarkus.configName(name).logCurl(false);
        }
        return builder.baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(modelId)
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    private static ChatModel ollama(String baseUrl, String modelId, Duration timeout) {
        JaxRsHttpClientBuilder http = new JaxRsHttpClientBuilder();
        http.addClientProvider(new RetryAfterFilter());
        return OllamaChatModel.builder()
                .httpClientBuilder(http)
                .baseUrl(baseUrl)
                .modelName(modelId)
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    /**
     * The provider client's own HTTP timeout: a backstop one second beyond ours (the clients count whole
     * seconds), so that our per-attempt timeout is the one that fires.
     */
    private static Duration httpTimeout(Duration attempt) {
        return Duration.ofSeconds(Math.max(1, (attempt.toMillis() + 999) / 1000) + 1);
    }

    /** The model of that name, if this agent serves it. */
    public Optional<ServedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The names this agent serves. */
    public Set<String> names() {
        return Collections.unmodifiableSet(models.keySet());
    }

    /** Every configured API key, for masking in reasons and logs. */
    public List<String> secrets() {
        return secrets;
    }
}
