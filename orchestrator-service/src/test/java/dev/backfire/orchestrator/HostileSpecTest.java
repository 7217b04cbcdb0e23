package dev.backfire.orchestrator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Hostile specs through the REST API: each is refused with a 4xx whose message says what is wrong, and
 * nothing is stored. (The parser's own tests and fuzz test cover the same inputs and many more.)
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class HostileSpecTest {
    private static final String VALID = """
            apiVersion: backfire/v1
            name: hostile
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            """;

    private static int storedStudies() {
        return given().get("/studies").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static void refused(byte[] body, int status, String message) {
        given().contentType("application/yaml").body(body).post("/studies").then().statusCode(status)
                .body("error", containsString(message));
    }

    private static byte[] yaml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void hostileSpecsAreRefusedWithAClearMessageAndNothingIsStored() {
        int before = storedStudies();
        refused(yaml(VALID + "shell: rm -rf /\n"), 400, "unknown field 'shell'");
        refused(yaml(VALID.replace("replicates: 2", "replicates: 100000000")), 400, "design.replicates");
        refused(yaml("design: " + "[".repeat(5_000)), 400, "not a readable YAML or JSON document");
        refused(yaml("""
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                """), 400, "unknown field 'a'");
        refused(yaml(VALID.replace("replicates: 2", "replicates: !!java.net.URL [\"http://127.0.0.1/\"]")), 400,
                "design.replicates");
        refused(VALID.replace("hostile", "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1), 400, "UTF-8");
        refused(yaml(VALID + "description: " + "x".repeat(300_000) + "\n"), 400, "the limit is");
        // Beyond the HTTP body limit the server refuses before reading the spec.
        given().contentType("application/yaml").body(yaml(VALID + "#" + "x".repeat(1_100_000) + "\n"))
                .post("/studies").then().statusCode(413);
        given().contentType("application/yaml").body(new byte[0]).post("/studies").then().statusCode(400)
                .body("errors[0].field", equalTo("(document)"));
        assertEquals(before, storedStudies(), "a refused spec must not be stored");
    }
}
