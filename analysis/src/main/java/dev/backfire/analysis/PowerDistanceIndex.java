package dev.backfire.analysis;

import java.util.Map;
import java.util.Optional;

/**
 * Hofstede Power Distance Index per language (ANALYSIS.md section 4: the score of a representative
 * country), overridable per study.
 */
public final class PowerDistanceIndex {

    /** Defaults of ANALYSIS.md section 4, keyed by language code. */
    public static final Map<String, Double> DEFAULTS = Map.ofEntries(
            Map.entry("en", 40.0),  // United States
            Map.entry("ja", 54.0),
            Map.entry("zh", 80.0),
            Map.entry("ko", 60.0),
            Map.entry("ar", 80.0),  // Arab countries
            Map.entry("hi", 77.0),  // India
            Map.entry("th", 64.0),
            Map.entry("vi", 70.0),
            Map.entry("fi", 33.0),
            Map.entry("de", 35.0),
            Map.entry("fr", 68.0),
            Map.entry("es", 57.0),  // Spain
            Map.entry("ru", 93.0),
            Map.entry("pt", 69.0),  // Brazil
            Map.entry("id", 78.0),
            Map.entry("tr", 66.0));

    private PowerDistanceIndex() {
    }

    /**
     * The PDI of a language: the override if present, else the default.
     *
     * @param language  language code
     * @param overrides per-study overrides, may be empty
     * @return the PDI, or empty when the language has neither
     */
    public static Optional<Double> of(String language, Map<String, Double> overrides) {
        Double value = overrides.get(language);
        return Optional.ofNullable(value != null ? value : DEFAULTS.get(language));
    }
}
