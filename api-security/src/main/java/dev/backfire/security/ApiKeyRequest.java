package dev.backfire.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The {@code X-API-Key} of a request, for {@link ApiKeyIdentityProvider}; null when security is off. */
public final class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[key=***]";
    }
}
