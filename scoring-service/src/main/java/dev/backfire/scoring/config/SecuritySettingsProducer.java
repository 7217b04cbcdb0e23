package dev.backfire.scoring.config;

import dev.backfire.security.SecuritySettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Hands this service's API-key settings (from {@link ScoringConfig}) to the shared dev.backfire.security
 * beans. With security on and no admin key, the admin key becomes a random one that is never written
 * anywhere: the service starts (live scoring needs no key) and refuses every mutating request, instead of
 * running them open.
 */
@ApplicationScoped
public class SecuritySettingsProducer {
    /** The configuration prefix of the settings, named in messages. */
    static final String PREFIX = "backfire.scoring.security";
    private static final Logger LOG = Logger.getLogger(SecuritySettingsProducer.class);
    private static final int UNGUESSABLE_BYTES = 32;

    // Singleton, not ApplicationScoped: a record cannot be proxied.
    @Produces
    @Singleton
    SecuritySettings securitySettings(ScoringConfig config) {
        ScoringConfig.Security security = config.security();
        Optional<String> admin = security.adminKey().filter(k -> !k.isBlank());
        if (security.enabled() && admin.isEmpty()) {
            LOG.warnf("%s: no admin API key (BACKFIRE_API_KEYS_ADMIN); re-scoring and judge requests are refused",
                    PREFIX);
            byte[] random = new byte[UNGUESSABLE_BYTES];
            new SecureRandom().nextBytes(random);
            admin = Optional.of(HexFormat.of().formatHex(random));
        }
        return new SecuritySettings(security.enabled(), admin, security.readerKey(), PREFIX);
    }
}
