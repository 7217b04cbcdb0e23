package dev.backfire.security;

import java.util.Objects;
import java.util.Optional;

/**
 * A service's API-key settings, produced as a bean by each service from its own {@code @ConfigMapping}.
 *
 * @param enabled   whether requests need a key
 * @param adminKey  the admin key, if configured
 * @param readerKey the read-only key, if configured
 * @param prefix    the service's configuration prefix, e.g. {@code backfire.orchestrator.security}, named in errors
 */
public record SecuritySettings(boolean enabled, Optional<String> adminKey, Optional<String> readerKey, String prefix) {
    public SecuritySettings {
        Objects.requireNonNull(adminKey, "adminKey");
        Objects.requireNonNull(readerKey, "readerKey");
        Objects.requireNonNull(prefix, "prefix");
    }
}
