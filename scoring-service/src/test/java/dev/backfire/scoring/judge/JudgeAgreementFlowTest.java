package dev.backfire.scoring.judge;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.backfire.local.testing.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The judge end to end: a transcripts export in, the lexicon's and the judge's readings compared per
 * language, the judge a WireMock stub of the OpenAI chat-completions API on loopback.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(JudgeStubServer.class)
class JudgeAgreementFlowTest {
    private static String line(String run, int agent, String talk) {
        return "{\"runId\":\"" + run + "\",\"language\":\"en\",\"alignmentRatio\":1.0,\"replicate\":1,\"turn\":1,"
                + "\"agentId\":" + agent + ",\"aligned\":true,\"talk\":\"" + talk + "\",\"monologue\":\"\"}\n";
    }

    private static final String EXPORT = "{\"export\":\"transcripts\",\"studyId\":\"s-judge\",\"lockHash\":\"h\","
            + "\"model\":\"synthetic\",\"synthetic\":true,\"label\":\"SYNTHETIC\"}\n"
            + line("r1", 0, "I refuse to vote.") + line("r1", 1, "We talked about dinner.")
            + line("r1", 2, "I refuse to sign anything.") + line("r1", 3, "The room is cold.")
            + line("r1", 4, "UNREADABLE but fine.");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reportsKappaPerLanguageAndCategoryAgainstTheJudge() {
        String body = given().contentType("application/x-ndjson").body(bytes(EXPORT)).post("/judge-agreement?perLanguage=10")
                .then().statusCode(200)
                .body("studyId", equalTo("s-judge"))
                .body("label", startsWith("SYNTHETIC"))
                .body("judgeModel", equalTo(JudgeStubServer.MODEL))
                .body("languages.en.messages", equalTo(4))
                .body("languages.en.unreadableReplies", equalTo(1))
                .body("languages.en.categories.'protective.individual'.kappa", equalTo(1.0f))
                .body("languages.en.categories.'protective.individual'.lexiconPresent", equalTo(2))
                .body("languages.en.categories.'protective.individual'.judgePresent", equalTo(2))
                .body("languages.en.categories.sexual.kappa", nullValue())
                .extract().asString();
        assertFalse(body.contains(JudgeStubServer.KEY), "the key must never be echoed");
        JudgeStubServer.server().verify(postRequestedFor(urlEqualTo(JudgeStubServer.PATH))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + JudgeStubServer.KEY))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo(JudgeStubServer.MODEL)))
                .withRequestBody(matchingJsonPath("$.temperature", WireMock.equalTo("0.0"))));
    }

    @Test
    void refusesABadExportNamingLineAndField() {
        given().contentType("application/x-ndjson").body(bytes(EXPORT.replace("\"talk\":\"We talked", "\"tlk\":\"We talked")))
                .post("/judge-agreement").then().statusCode(400)
                .body("error", containsString("request body:line 3, field 'talk'"));
        given().contentType("application/x-ndjson").body(bytes(EXPORT)).post("/judge-agreement?perLanguage=0")
                .then().statusCode(400).body("error", containsString("perLanguage"));
    }
}
