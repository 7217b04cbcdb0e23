package dev.backfire.stats.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every tunable of the stats service, under {@code backfire.stats}. */
@ConfigMapping(prefix = "backfire.stats")
public interface StatsConfig {
    /** Permutations for each per-language permutation p-value; 0 switches them off. Default 2000. */
    @WithDefault("2000")
    int permutations();

    /** Seed of the permutation p-values, so results are reproducible. Default 20260304. */
    @WithDefault("20260304")
    long permutationSeed();
}
