package dev.backfire.agent.model;

import dev.backfire.agent.config.AgentConfig;
import dev.backfire.agent.synthetic.SyntheticGenerator;
import dev.backfire.agent.synthetic.SyntheticParameters;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The models this agent can call, by the name a study spec uses. */
@ApplicationScoped
public class ModelRegistry {
    private final Map<String, ChatModel> models = new TreeMap<>();

    public ModelRegistry(AgentConfig config) {
        if (config.synthetic().enabled()) {
            SyntheticGenerator generator = SyntheticGenerator.loadBundled(
                    SyntheticParameters.defaults().withAlignmentEffect(config.synthetic().alignmentEffect()));
            models.put(SyntheticChatModel.NAME,
                    new SyntheticChatModel(generator, new PromptRenderer(ScenarioLibrary.loadBundled())));
        }
    }

    /** The model of that name, if this agent offers it. */
    public Optional<ChatModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public java.util.Set<String> names() {
        return models.keySet();
    }
}
