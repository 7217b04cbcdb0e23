package dev.backfire.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The key rules alone: roles per key, and the refusal to start open. */
class ApiKeysTest {
    private static final Optional<String> ADMIN = Optional.of("admin-secret");
    private static final Optional<String> READER = Optional.of("reader-secret");

    @Test
    void anAdminKeyGrantsBothRolesAReaderKeyOnlyReader() {
        assertEquals(Set.of("admin", "reader"), ApiKeys.rolesOf("admin-secret", ADMIN, READER));
        assertEquals(Set.of("reader"), ApiKeys.rolesOf("reader-secret", ADMIN, READER));
        assertEquals(Set.of("admin", "reader"), ApiKeys.rolesOf(" admin-secret ", ADMIN, READER));
    }

    @Test
    void missingBlankOrUnknownKeysGrantNothing() {
        assertTrue(ApiKeys.rolesOf(null, ADMIN, READER).isEmpty());
        assertTrue(ApiKeys.rolesOf("", ADMIN, READER).isEmpty());
        assertTrue(ApiKeys.rolesOf("admin-secreT", ADMIN, READER).isEmpty());
        assertTrue(ApiKeys.rolesOf("admin-secret-and-more", ADMIN, READER).isEmpty());
        // An unset reader key never matches anything, not even an empty-looking key.
        assertTrue(ApiKeys.rolesOf(" ", ADMIN, Optional.empty()).isEmpty());
        assertTrue(ApiKeys.rolesOf("x", ADMIN, Optional.of("")).isEmpty());
    }

    @Test
    void securityOnWithoutAnAdminKeyRefusesToStartWithoutEchoingKeys() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ApiKeys.requireAdminKey(true, Optional.empty(), "backfire.orchestrator.security"));
        assertTrue(e.getMessage().contains("BACKFIRE_API_KEYS_ADMIN"), e.getMessage());
        assertTrue(e.getMessage().contains("backfire.orchestrator.security.admin-key"), e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> ApiKeys.requireAdminKey(true, Optional.of("  "), "backfire.orchestrator.security"));
        assertDoesNotThrow(() -> ApiKeys.requireAdminKey(true, ADMIN, "backfire.orchestrator.security"));
        assertDoesNotThrow(() -> ApiKeys.requireAdminKey(false, Optional.empty(), "backfire.orchestrator.security"));
        assertFalse(ApiKeys.UNAUTHORIZED_BODY.contains("secret"));
    }
}
