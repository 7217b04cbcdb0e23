package dev.backfire.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every tunable of the scoring service, under {@code backfire.scoring}. */
@ConfigMapping(prefix = "backfire.scoring")
public interface ScoringConfig {
    /** Name of the live scoring set stamped on every score. Default "primary". */
    @WithDefault("primary")
    String scoringSet();
}
