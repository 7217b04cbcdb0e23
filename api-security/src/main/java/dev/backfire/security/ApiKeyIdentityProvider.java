package dev.backfire.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns an API key into an identity with role {@code admin} (and {@code reader}) or {@code reader}; an
 * unknown key fails authentication (401). With security off every request is the local user, with both roles.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {
    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);
    private final SecuritySettings config;

    public ApiKeyIdentityProvider(SecuritySettings config) {
        this.config = config;
    }

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        if (!config.enabled()) {
            return Uni.createFrom().item(identity("local", ApiKeys.ADMIN_ROLES));
        }
        Set<String> roles = ApiKeys.rolesOf(request.key(), config.adminKey(), config.readerKey());
        if (roles.isEmpty()) {
            // Never the key itself, nor any part of it.
            LOG.debug("refused a request with an unknown API key");
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        String name = roles.contains(ApiKeys.ADMIN) ? ApiKeys.ADMIN : ApiKeys.READER;
        LOG.debugf("accepted the %s API key", name);
        return Uni.createFrom().item(identity(name, roles));
    }

    private static SecurityIdentity identity(String name, Set<String> roles) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(roles).build();
    }
}
