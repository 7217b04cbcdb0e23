package dev.backfire.stats;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backfire.analysis.AgentRun;
import dev.backfire.analysis.AgentRunCsv;
import dev.backfire.analysis.AnalysisOptions;
import dev.backfire.analysis.ResultsJson;
import dev.backfire.analysis.StudyAnalyzer;
import dev.backfire.contracts.ChannelScore;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.StudyContext;
import dev.backfire.contracts.Topics;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import dev.backfire.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scoring sets on a real broker and PostgreSQL: a study scored live, then re-scored in a second set with
 * other hits. Each set has its own agent-run totals and results, the live results do not move, and a
 * replayed re-scoring counts nothing twice.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ScoringSetsFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String STUDY = "sets-test";
    private static final String LIVE = "primary";
    private static final String RESCORE = "rescore-en-2.0.0_ja-1.0.0";
    private static final int AGENTS = 3;
    private static final int TURNS = 2;
    private static final List<String> LANGUAGES = List.of("en", "ja");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunCondition condition(String language, double ratio, int replicate) {
        return new RunCondition(STUDY, STUDY + "-" + language + "-" + (int) (ratio * 100) + "-" + replicate, language,
                ratio, replicate);
    }

    private static RunEvent completed(RunCondition c) {
        return new RunEvent(SchemaVersions.RUN_EVENT, EventIds.run(c.runId(), RunEvent.Type.COMPLETED),
                RunEvent.Type.COMPLETED, c, new StudyContext(STUDY, LANGUAGES, 8, Map.of(), "lock-sets"), AGENTS,
                TURNS, AGENTS * TURNS, AGENTS * TURNS, true, null, 0L);
    }

    /** One run's scores in a set; the re-scoring set finds more English conformity (a changed lexicon). */
    private static List<MessageScore> scores(RunCondition c, String set) {
        List<MessageScore> out = new ArrayList<>();
        boolean rescore = !set.equals(LIVE);
        for (int turn = 1; turn <= TURNS; turn++) {
            for (int agent = 0; agent < AGENTS; agent++) {
                boolean aligned = c.alignmentRatio() > 0;
                int seed = turn * 7 + agent * 3 + c.replicate();
                int conformity = (seed % 3) + (rescore && c.language().equals("en") ? 2 + (aligned ? 3 : 0) : 0);
                ChannelScore talk = new ChannelScore(20 + seed, Map.of("protective", seed % 4 + (aligned ? 2 : 0),
                        "protective.harmony", seed % 2, "conformity", conformity, "individuation", 1));
                ChannelScore mono = new ChannelScore(5 + seed % 9 + (aligned ? 6 : 0), Map.of("sexual", seed % 2));
                String messageId = EventIds.message(c.runId(), turn, agent);
                out.add(new MessageScore(SchemaVersions.MESSAGE_SCORE, EventIds.score(messageId, set), messageId, set,
                        c, agent, aligned, turn, talk, mono, 0.3, 0, 0, "scorer-test",
                        c.language() + (rescore && c.language().equals("en") ? "-2.0.0" : "-1.0.0"), true, 0L));
            }
        }
        return out;
    }

    @Test
    void keepsEachScoringSetsTotalsAndResultsApart() throws Exception {
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<MessageScore> live = new ArrayList<>();
        List<MessageScore> rescored = new ArrayList<>();
        for (String language : LANGUAGES) {
            for (double ratio : new double[] {0.0, 1.0}) {
                for (int replicate = 1; replicate <= 3; replicate++) {
                    RunCondition c = condition(language, ratio, replicate);
                    live.addAll(scores(c, LIVE));
                    rescored.addAll(scores(c, RESCORE));
                    probe.send(Topics.RUN_EVENTS, c.runId(), EventCodec.encode(completed(c)));
                }
            }
        }
        for (MessageScore s : live) {
            probe.send(Topics.MESSAGE_SCORES, s.key(), EventCodec.encode(s));
        }
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + STUDY).then().statusCode(200)
                .body("includedRuns", equalTo(12)));
        String liveBefore = given().get("/studies/" + STUDY + "/results").then().statusCode(200).extract().asString();
        given().get("/studies/" + STUDY + "/results?scoringSet=" + RESCORE).then().statusCode(404)
                .body(containsString("no scoring set '" + RESCORE + "'"));

        // The re-scoring arrives later (a finished study re-scored), once and then replayed whole.
        for (MessageScore s : rescored) {
            probe.send(Topics.MESSAGE_SCORES, s.key(), EventCodec.encode(s));
        }
        for (MessageScore s : rescored.subList(0, 10)) {
            probe.send(Topics.MESSAGE_SCORES, s.key(), EventCodec.encode(s));
        }
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + STUDY + "/scoring-sets").then()
                .statusCode(200).body("size()", equalTo(2)).body("[1].scoringSet", equalTo(RESCORE))
                .body("[1].includedRuns", equalTo(12)).body("[0].live", equalTo(true)));

        String csvLive = given().get("/studies/" + STUDY + "/agent-runs.csv").then().statusCode(200).extract()
                .asString();
        String csvSet = given().get("/studies/" + STUDY + "/agent-runs.csv?scoringSet=" + RESCORE).then()
                .statusCode(200).extract().asString();
        assertTrue(csvSet.lines().findFirst().orElseThrow().contains("scoring set " + RESCORE), csvSet);
        List<AgentRun> liveRows = AgentRunCsv.read(new StringReader(csvLive), "live.csv");
        List<AgentRun> setRows = AgentRunCsv.read(new StringReader(csvSet), "set.csv");
        assertEquals(12 * AGENTS, liveRows.size());
        assertEquals(12 * AGENTS, setRows.size());
        assertEquals(sum(live, "en"), liveRows.stream().filter(r -> r.language().equals("en"))
                .mapToLong(AgentRun::conformityHits).sum(), "live totals count only live scores");
        assertEquals(sum(rescored, "en"), setRows.stream().filter(r -> r.language().equals("en"))
                .mapToLong(AgentRun::conformityHits).sum(), "the set's totals count each of its scores once");
        assertNotEquals(sum(live, "en"), sum(rescored, "en"));

        JsonNode set = JSON.readTree(given().get("/studies/" + STUDY + "/results?scoringSet=" + RESCORE).then()
                .statusCode(200).extract().asString());
        assertEquals(RESCORE, set.get("scoringSet").asText());
        assertTrue(set.get("lexiconVersions").asText().contains("en-2.0.0"), set.get("lexiconVersions").asText());
        assertTrue(set.get("label").asText().startsWith("SYNTHETIC"));
        JsonNode offline = ResultsJson.toTree(StudyAnalyzer.analyze(setRows, AnalysisOptions.defaults()));
        assertEquals(offline.at("/languages/en/cpi/g").asDouble(), set.at("/languages/en/cpi/g").asDouble(), 1e-12);
        assertEquals(liveBefore, given().get("/studies/" + STUDY + "/results").then().extract().asString(),
                "the live results did not move");
        assertEquals(LIVE, JSON.readTree(liveBefore).get("scoringSet").asText());
        given().get("/runs/" + condition("en", 1.0, 1).runId() + "/scores?scoringSet=" + RESCORE).then()
                .statusCode(200).body("messages.size()", equalTo(AGENTS * TURNS))
                .body("messages[0].scoringSet", equalTo(RESCORE));
        given().get("/runs/" + condition("en", 1.0, 1).runId() + "/scores").then()
                .body("messages.size()", equalTo(AGENTS * TURNS)).body("messages[0].scoringSet", equalTo(LIVE));
    }

    private static long sum(List<MessageScore> scores, String language) {
        return scores.stream().filter(s -> s.condition().language().equals(language))
                .mapToLong(s -> s.hitsOf("conformity")).sum();
    }
}
