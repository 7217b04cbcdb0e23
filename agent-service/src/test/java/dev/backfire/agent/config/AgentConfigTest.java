package dev.backfire.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue can be declared in properties or, for containers, in environment variables alone. */
class AgentConfigTest {

    private static AgentConfig config(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100), new EnvConfigSource(env, 300))
                .withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(AgentConfig.class)
                .build();
        return config.getConfigMapping(AgentConfig.class);
    }

    @Test
    void defaults() {
        AgentConfig c = config(Map.of(), Map.of());
        assertTrue(c.models().isEmpty());
        assertEquals(Duration.ofSeconds(60), c.call().timeout());
        assertEquals(3, c.call().retry().maxRetries());
        assertEquals(AgentConfig.LatencyMode.NONE, c.synthetic().latency().mode());
    }

    @Test
    void catalogueFromProperties() {
        AgentConfig c = config(Map.of(
                "backfire.agent.models.gpt-4o-mini.provider", "openai",
                "backfire.agent.models.gpt-4o-mini.price-per-1k-input", "0.00015",
                "backfire.agent.models.llama3.provider", "ollama",
                "backfire.agent.models.llama3.model-id", "llama3.3:70b"), Map.of());
        assertEquals(AgentConfig.Provider.OPENAI, c.models().get("gpt-4o-mini").provider());
        assertEquals(0.00015, c.models().get("gpt-4o-mini").pricePer1kInput());
        assertEquals(0.0, c.models().get("gpt-4o-mini").pricePer1kOutput());
        assertEquals("llama3.3:70b", c.models().get("llama3").modelId().orElseThrow());
    }

    /**
     * Environment variables alone can declare a model whose name is letters and digits; a name with '-' or
     * '.' must appear once in a properties source (env names cannot spell it), after which environment
     * variables can set its other keys.
     */
    @Test
    void catalogueFromEnvironmentOnly() {
        AgentConfig c = config(Map.of(), Map.of(
                "BACKFIRE_AGENT_MODELS_VLLM_PROVIDER", "openai",
                "BACKFIRE_AGENT_MODELS_VLLM_BASE_URL", "http://vllm:8000/v1/",
                "BACKFIRE_AGENT_MODELS_VLLM_MODEL_ID", "meta-llama/Llama-3.3-70B-Instruct",
                "BACKFIRE_AGENT_MODELS_VLLM_PRICE_PER_1K_OUTPUT", "0.001"));
        assertEquals(Map.of("vllm", AgentConfig.Provider.OPENAI),
                Map.of("vllm", c.models().get("vllm").provider()), "models: " + c.models().keySet());
        assertEquals("http://vllm:8000/v1/", c.models().get("vllm").baseUrl().orElseThrow());
        assertEquals(0.001, c.models().get("vllm").pricePer1kOutput());
    }

    @Test
    void aDashedNameDeclaredOnceTakesItsOtherKeysFromTheEnvironment() {
        AgentConfig c = config(Map.of("backfire.agent.models.gpt-4o-mini.provider", "openai"),
                Map.of("BACKFIRE_AGENT_MODELS_GPT_4O_MINI_API_KEY", "sk-from-env",
                        "BACKFIRE_AGENT_MODELS_GPT_4O_MINI_BASE_URL", "https://openrouter.ai/api/v1/"));
        assertEquals("sk-from-env", c.models().get("gpt-4o-mini").apiKey().orElseThrow());
        assertEquals("https://openrouter.ai/api/v1/", c.models().get("gpt-4o-mini").baseUrl().orElseThrow());
    }
}
