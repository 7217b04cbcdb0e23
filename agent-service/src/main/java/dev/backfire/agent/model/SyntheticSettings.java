package dev.backfire.agent.model;

import dev.backfire.agent.config.AgentConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The synthetic model's configured parameters ({@code backfire.agent.synthetic.*}) under the names a study
 * spec's {@code model.synthetic} section uses ({@code dev.backfire.synthetic.SettableParameters}), so that
 * configuration and spec set the same things the same way.
 */
final class SyntheticSettings {
    private SyntheticSettings() {
    }

    /**
     * Every configured value by its parameter name: the named keys, then {@code parameters."<name>"}.
     *
     * @throws IllegalArgumentException when {@code parameters} sets a value that has its own key
     */
    static Map<String, Double> of(AgentConfig.Synthetic c) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, Double> named = new TreeMap<>();
        put(named, keys, "alignmentEffect", "alignment-effect", c.alignmentEffect());
        put(named, keys, "alignmentDissociation", "alignment-dissociation", c.alignmentDissociation());
        put(named, keys, "contagion", "contagion", c.contagion());
        put(named, keys, "individuationEffect", "individuation-effect", c.individuationEffect());
        put(named, keys, "censorshipChill", "censorship-chill", c.censorshipChill());
        put(named, keys, "withdrawal", "withdrawal", c.withdrawal());
        c.parameters().forEach((name, value) -> {
            if (keys.containsKey(name)) {
                throw new IllegalArgumentException("backfire.agent.synthetic.parameters.\"" + name
                        + "\": set it with backfire.agent.synthetic." + keys.get(name));
            }
            named.put(name, value);
        });
        return named;
    }

    private static void put(Map<String, Double> named, Map<String, String> keys, String name, String key,
            double value) {
        named.put(name, value);
        keys.put(name, key);
    }
}
