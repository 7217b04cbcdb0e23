package dev.backfire.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication by the {@code X-API-Key} header (settings: {@link SecuritySettings}). Which paths need
 * which role is in application.properties ({@code quarkus.http.auth.permission.*}): reads need
 * {@code reader}, anything else {@code admin}, health and metrics are open. A request without a key is
 * anonymous and refused with 401 where a role is needed; an unknown key is 401 everywhere.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    private final SecuritySettings config;

    public ApiKeyAuthenticationMechanism(SecuritySettings config) {
        this.config = config;
    }

    /**
     * A deployment with security on and no admin key must not start. Observed first, before any other startup
     * work (which may fail for other reasons and hide this one).
     */
    void requireKeys(@Observes @Priority(1) StartupEvent event) {
        ApiKeys.requireAdminKey(config.enabled(), config.adminKey(), config.prefix());
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String key = null;
        if (config.enabled()) {
            key = context.request().getHeader(ApiKeys.HEADER);
            if (key == null || key.isBlank()) {
                return Uni.createFrom().optional(Optional.empty());
            }
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    /** 401 with a JSON body naming the header (and never what was sent). */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (!response.ended()) {
            response.setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(ApiKeys.UNAUTHORIZED_BODY);
        }
        return Uni.createFrom().item(Boolean.TRUE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER,
                ApiKeys.HEADER));
    }
}
