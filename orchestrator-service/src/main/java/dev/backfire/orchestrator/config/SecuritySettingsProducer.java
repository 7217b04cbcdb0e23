package dev.backfire.orchestrator.config;

import dev.backfire.security.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Hands this service's API-key settings (from {@link OrchestratorConfig}) to the shared dev.backfire.security beans. */
@ApplicationScoped
public class SecuritySettingsProducer {
    /** The configuration prefix of the settings, named in the startup refusal. */
    static final String PREFIX = "backfire.orchestrator.security";

    // Singleton, not ApplicationScoped: a record cannot be proxied.
    @Produces
    @Singleton
    SecuritySettings securitySettings(OrchestratorConfig config) {
        OrchestratorConfig.Security security = config.security();
        return new SecuritySettings(security.enabled(), security.adminKey(), security.readerKey(), PREFIX);
    }
}
