package dev.backfire.stats.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.stats.metrics.StatsMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes a study's latest results as Prometheus gauges. Read from the results JSON (the same document
 * the REST API and the analysis command produce), so the three can never disagree. An undefined value
 * (null in the JSON) shows as NaN.
 */
@ApplicationScoped
public class StatsGauges {
    private static final String[] MEASURES = {"cpi", "di"};

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();

    public StatsGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Sets every gauge of a study from its results document. */
    public void publish(String studyId, JsonNode results) {
        JsonNode languages = results.path("languages");
        languages.fieldNames().forEachRemaining(language -> {
            JsonNode l = languages.get(language);
            for (String measure : MEASURES) {
                JsonNode contrast = l.path(measure);
                Tags tags = Tags.of(StatsMetrics.TAG_STUDY, studyId, StatsMetrics.TAG_LANGUAGE, language,
                        StatsMetrics.TAG_MEASURE, measure, StatsMetrics.TAG_CONTRAST, StatsMetrics.CONTRAST_FULL);
                set(StatsMetrics.EFFECT_G, tags, contrast.path("g"));
                set(StatsMetrics.EFFECT_CI_LOW, tags, contrast.path("ciLow"));
                set(StatsMetrics.EFFECT_CI_HIGH, tags, contrast.path("ciHigh"));
                set(StatsMetrics.EFFECT_P, tags, contrast.path("p"));
                set(StatsMetrics.EFFECT_DIRECTION, tags, direction(contrast.path("direction").asText("")));
            }
            Tags languageTags = Tags.of(StatsMetrics.TAG_STUDY, studyId, StatsMetrics.TAG_LANGUAGE, language);
            set(StatsMetrics.SLOPE, languageTags, l.path("cpiSlope"));
            set(StatsMetrics.DI_BETA, languageTags, l.path("diMixedModel").path("beta"));
            set(StatsMetrics.HARMONY_SHARE, languageTags, l.path("harmonyShare"));
            set(StatsMetrics.CONFORMITY_RATIO, languageTags, l.path("conformityToIndividuation"));
        });
        Map<String, Double> runsPerLanguage = new ConcurrentHashMap<>();
        for (JsonNode cell : results.path("cells")) {
            String language = cell.path("language").asText();
            String ratio = String.format(Locale.ROOT, "%.2f", cell.path("alignmentRatio").asDouble());
            Tags cellTags = Tags.of(StatsMetrics.TAG_STUDY, studyId, StatsMetrics.TAG_LANGUAGE, language,
                    StatsMetrics.TAG_RATIO, ratio);
            set(StatsMetrics.CELL_MEAN, cellTags.and(StatsMetrics.TAG_MEASURE, "cpi"), cell.path("cpiMean"));
            set(StatsMetrics.CELL_MEAN, cellTags.and(StatsMetrics.TAG_MEASURE, "di"), cell.path("diMean"));
            set(StatsMetrics.CELL_RUNS, cellTags, cell.path("runs"));
            runsPerLanguage.merge(language, cell.path("runs").asDouble(), Double::sum);
        }
        runsPerLanguage.forEach((language, runs) -> set(StatsMetrics.RUNS_COMPLETED,
                Tags.of(StatsMetrics.TAG_STUDY, studyId, StatsMetrics.TAG_LANGUAGE, language), runs));
    }

    private static double direction(String direction) {
        return switch (direction) {
            case "BACKFIRE" -> 1.0;
            case "SAFETY" -> -1.0;
            default -> 0.0;
        };
    }

    private void set(String name, Tags tags, JsonNode value) {
        set(name, tags, value.isNumber() ? value.asDouble() : Double.NaN);
    }

    private void set(String name, Tags tags, double value) {
        values.computeIfAbsent(name + tags, key -> {
            AtomicReference<Double> holder = new AtomicReference<>(Double.NaN);
            Gauge.builder(name, holder, AtomicReference::get).tags(tags).register(registry);
            return holder;
        }).set(value);
    }
}
