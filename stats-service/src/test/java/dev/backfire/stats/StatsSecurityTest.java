package dev.backfire.stats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
 * The stats service with API keys on (as outside the local profile), against the real broker and
 * PostgreSQL: every read needs a reader or admin key, nothing else is open but health and metrics, and no
 * key reaches a log line.
 */
@QuarkusTest
@TestProfile(StatsSecurityTest.Secured.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class StatsSecurityTest {
    static final String ADMIN_KEY = "adm-9d2c71e0-planted-admin-key";
    static final String READER_KEY = "rdr-3a6f18b4-planted-reader-key";
    static final String WRONG_KEY = "wrong-4e5f6a7b-planted-key";
    private static final String HEADER = "X-API-Key";
    private static final List<String> READS = List.of("/studies", "/studies/none", "/studies/none/results",
            "/studies/none/agent-runs.csv", "/runs/none/scores", "/console/config.json", "/console/index.html");

    /** Security on, with known keys; security-related logging turned up so a leak would show. */
    public static class Secured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "backfire.stats.security.enabled", "true",
                    "%test.backfire.stats.security.enabled", "true",
                    "backfire.stats.security.admin-key", ADMIN_KEY,
                    "backfire.stats.security.reader-key", READER_KEY,
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
    void everyReadNeedsAKey() {
        for (String path : READS) {
            given().get(path).then().statusCode(401)
                    .contentType("application/json")
                    .body("status", equalTo(401))
                    .body("error", containsString(HEADER));
            given().header(HEADER, WRONG_KEY).get(path).then().statusCode(401)
                    .body(not(containsString(WRONG_KEY)));
        }
    }

    @Test
    void aReaderOrAdminReads() {
        for (String key : List.of(READER_KEY, ADMIN_KEY)) {
            given().header(HEADER, key).get("/studies").then().statusCode(200);
            given().header(HEADER, key).get("/runs/none/scores").then().statusCode(200).body("runId", equalTo("none"));
            given().header(HEADER, key).get("/studies/none/agent-runs.csv").then().statusCode(404);
            given().header(HEADER, key).get("/console/config.json").then().statusCode(200);
            given().header(HEADER, key).get("/console/index.html").then().statusCode(200);
        }
    }

    @Test
    void aReaderCannotWrite() {
        given().header(HEADER, READER_KEY).body("{}").post("/studies").then().statusCode(403);
        given().body("{}").post("/studies").then().statusCode(401);
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
        for (String key : List.of(ADMIN_KEY, READER_KEY, WRONG_KEY)) {
            for (String path : READS) {
                given().header(HEADER, key).get(path);
            }
            given().header(HEADER, key).body("{}").post("/studies");
        }
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
}
