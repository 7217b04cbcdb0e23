package dev.backfire.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * The API-key rules, free of Quarkus: which roles a presented {@code X-API-Key} grants, compared in constant
 * time, and the startup check that keeps a misconfigured deployment from running open.
 * A key is never part of a message, an exception or a log line.
 */
public final class ApiKeys {
    /** The request header carrying the key. */
    public static final String HEADER = "X-API-Key";
    /** Every request, mutating ones included. Implies {@link #READER}. */
    public static final String ADMIN = "admin";
    /** Reads only. */
    public static final String READER = "reader";
    public static final Set<String> ADMIN_ROLES = Set.of(ADMIN, READER);
    public static final Set<String> READER_ROLES = Set.of(READER);
    /** The body of a 401: names the header, never echoes what was sent. */
    public static final String UNAUTHORIZED_BODY = "{\"status\":401,\"error\":\"authentication required: send a valid"
            + " API key in the " + HEADER + " header\",\"errors\":[]}";

    private ApiKeys() {
    }

    /** The roles a presented key grants: admin and reader, reader, or none (a missing, blank or unknown key). */
    public static Set<String> rolesOf(String presented, Optional<String> adminKey, Optional<String> readerKey) {
        if (presented == null || presented.isBlank()) {
            return Set.of();
        }
        byte[] digest = sha256(presented.strip());
        // Both comparisons always run, each over fixed-length digests, so timing says nothing about either key.
        boolean admin = matches(digest, adminKey);
        boolean reader = matches(digest, readerKey);
        return admin ? ADMIN_ROLES : reader ? READER_ROLES : Set.of();
    }

    private static boolean matches(byte[] presentedDigest, Optional<String> configured) {
        String key = configured.map(String::strip).orElse("");
        boolean equal = MessageDigest.isEqual(presentedDigest, sha256(key));
        return equal & !key.isEmpty();
    }

    /**
     * Refuses to start with security on and no admin key, so that a deployment missing its Secret does not
     * run open. {@code prefix} is the configuration prefix, e.g. {@code backfire.orchestrator.security}.
     */
    public static void requireAdminKey(boolean enabled, Optional<String> adminKey, String prefix) {
        if (enabled && adminKey.map(String::isBlank).orElse(true)) {
            throw new IllegalStateException(prefix + ".enabled is true but no admin API key is configured: set the"
                    + " environment variable BACKFIRE_API_KEYS_ADMIN (on Kubernetes, from the Secret named by the"
                    + " chart's auth.existingSecret) or " + prefix + ".admin-key; only a local, loopback-only run may"
                    + " set " + prefix + ".enabled=false");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
