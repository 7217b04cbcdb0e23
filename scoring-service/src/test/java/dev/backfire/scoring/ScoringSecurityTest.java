package dev.backfire.scoring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.backfire.local.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outside the local profile, mutating requests need the admin key; the lexicons stay open for the console. */
@QuarkusTest
@TestProfile(ScoringSecurityTest.Secured.class)
@WithTestResource(KafkaTestResource.class)
class ScoringSecurityTest {
    static final String ADMIN = "admin-key-for-test-7c1d";
    static final String READER = "reader-key-for-test-2b9e";

    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("backfire.scoring.security.enabled", "true", "%test.backfire.scoring.security.enabled", "true",
                    "backfire.scoring.security.admin-key", ADMIN,
                    "backfire.scoring.security.reader-key", READER);
        }
    }

    @Test
    void mutatingRequestsNeedTheAdminKeyAndReadsStayOpen() {
        given().get("/lexicons/en").then().statusCode(200);
        given().body("x").post("/judge-agreement").then().statusCode(401)
                .body(containsString("X-API-Key")).body(not(containsString(ADMIN)));
        given().header("X-API-Key", "wrong").body("x").post("/judge-agreement").then().statusCode(401);
        given().header("X-API-Key", READER).body("x").post("/judge-agreement").then().statusCode(403);
        // Past authentication: the judge is off in this profile, which is the answer.
        given().header("X-API-Key", ADMIN).contentType("text/plain").body("x").post("/judge-agreement").then()
                .statusCode(409).body(containsString("judge is off"));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
