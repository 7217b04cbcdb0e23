package dev.backfire.orchestrator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator with API keys on (as outside the local profile), against the real broker and PostgreSQL:
 * a key is needed for everything but health and metrics, a reader key only reads, and no key reaches a log.
 */
@QuarkusTest
@TestProfile(OrchestratorSecurityTest.Secured.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OrchestratorSecurityTest {
    static final String ADMIN_KEY = "adm-7f3a91c2-planted-admin-key";
    static final String READER_KEY = "rdr-5b8e04d6-planted-reader-key";
    static final String WRONG_KEY = "wrong-0c1d2e3f-planted-key";
    private static final String HEADER = "X-API-Key";
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: secured
            design: {languages: [en], alignmentRatios: [0, 1], replicates: 2, agents: 2, turns: 1}
            limits: {maxConcurrentRuns: 1}
            """;

    /** Security on, with known keys; security-related logging turned up so a leak would show. */
    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "backfire.orchestrator.security.enabled", "true",
                    "%test.backfire.orchestrator.security.enabled", "true",
                    "backfire.orchestrator.security.admin-key", ADMIN_KEY,
                    "backfire.orchestrator.security.reader-key", READER_KEY,
                    "quarkus.log.category.\"io.quarkus.security\".level", "DEBUG",
                    "quarkus.log.category.\"io.quarkus.vertx.http.runtime.security\".level", "DEBUG",
                    "quarkus.log.category.\"dev.backfire.security\".level", "DEBUG");
        }
    }

    private static final List<String> LOG_LINES = Collections.synchronizedList(new ArrayList<>());
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            if (record.getParameters() != null) {
                message = message + " " + Arrays.toString(record.getParameters());
            }
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + message);
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            LOG_LINES.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void captureLogs() {
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void releaseLogs() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void aMissingOrWrongKeyIs401NamingTheHeaderAndStoresNothing() {
        int before = studyCount();
        given().contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(401)
                .contentType("application/json")
                .body("status", equalTo(401))
                .body("error", containsString(HEADER));
        given().header(HEADER, WRONG_KEY).contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(401)
                .body("error", containsString(HEADER))
                .body(not(containsString(WRONG_KEY)));
        given().get("/studies").then().statusCode(401);
        given().header(HEADER, WRONG_KEY).get("/studies").then().statusCode(401);
        assertEquals(before, studyCount(), "a refused request must not store a study");
    }

    @Test
    void aReaderReadsButCannotSubmit() {
        int before = studyCount();
        given().header(HEADER, READER_KEY).contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(403);
        given().header(HEADER, READER_KEY).get("/studies").then().statusCode(200);
        assertEquals(before, studyCount(), "a reader's submission must not be stored");
    }

    @Test
    void anAdminSubmitsAndTranscriptsNeedAKey() {
        String studyId = given().header(HEADER, ADMIN_KEY).contentType("application/yaml").body(yaml(SPEC))
                .post("/studies")
                .then().statusCode(201)
                .extract().path("id");
        String runId = given().header(HEADER, READER_KEY).get("/studies/" + studyId + "/runs")
                .then().statusCode(200)
                .extract().path("[0].id");
        given().get("/studies/" + studyId).then().statusCode(401);
        given().get("/studies/" + studyId + "/runs").then().statusCode(401);
        given().get("/runs/" + runId).then().statusCode(401);
        given().get("/runs/" + runId + "/transcript").then().statusCode(401)
                .body("error", containsString(HEADER));
        given().get("/studies/" + studyId + "/transcripts.jsonl").then().statusCode(401);
        given().header(HEADER, READER_KEY).get("/runs/" + runId + "/transcript").then().statusCode(200);
        given().header(HEADER, ADMIN_KEY).get("/studies/" + studyId + "/transcripts.jsonl").then().statusCode(200);
    }

    @Test
    void healthAndMetricsStayOpen() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void noKeyReachesALogLine() {
        // Every kind of request a key can be on, refused or not, then the log lines of the whole class so far.
        given().header(HEADER, WRONG_KEY).get("/studies").then().statusCode(401);
        given().header(HEADER, WRONG_KEY).contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(401);
        given().header(HEADER, READER_KEY).contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(403);
        given().header(HEADER, ADMIN_KEY).contentType("application/yaml").body(yaml(SPEC.replace("[0, 1]", "[0, 7]")))
                .post("/studies").then().statusCode(400);
        given().header(HEADER, ADMIN_KEY).get("/runs/no-such-run/transcript").then().statusCode(404);
        List<String> lines;
        synchronized (LOG_LINES) {
            lines = List.copyOf(LOG_LINES);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("refused a request with an unknown API key")),
                "the refusal was logged (and the capture works): " + lines.size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("accepted the admin API key")), "" + lines.size());
        for (String key : List.of(ADMIN_KEY, READER_KEY, WRONG_KEY)) {
            List<String> leaks = lines.stream().filter(l -> l.contains(key)).toList();
            assertTrue(leaks.isEmpty(), "log lines carrying a key: " + leaks);
        }
    }

    private static int studyCount() {
        return given().header(HEADER, ADMIN_KEY).get("/studies").then().statusCode(200)
                .extract().jsonPath().getList("$").size();
    }

    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
