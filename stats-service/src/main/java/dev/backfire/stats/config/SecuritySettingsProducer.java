package dev.backfire.stats.config;

import dev.backfire.security.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Hands this service's API-key settings (from {@link StatsConfig}) to the shared dev.backfire.security beans. */
@ApplicationScoped
public class SecuritySettingsProducer {
    /** The configuration prefix of the settings, named in the startup refusal. */
    static final String PREFIX = "backfire.stats.security";

    // Singleton, not ApplicationScoped: a record cannot be proxied.
    @Produces
    @Singleton
    SecuritySettings securitySettings(StatsConfig config) {
        StatsConfig.Security security = config.security();
        return new SecuritySettings(security.enabled(), security.adminKey(), security.readerKey(), PREFIX);
    }
}
