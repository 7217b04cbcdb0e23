package dev.backfire.orchestrator;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnFailure;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.contracts.Usage;
import dev.backfire.local.testing.KafkaTestResource;
import dev.backfire.local.testing.PostgresTestResource;
import dev.backfire.local.testing.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator against a real broker and a real PostgreSQL. The agents' side is played by this test
 * publishing real agent-message events on the topic, as agent replicas would.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class OrchestratorFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: flow
            design: {languages: [en, ja], alignmentRatios: [0, 0.5, 1], replicates: 2, agents: 10, turns: 2}
            limits: {maxConcurrentRuns: 1}
            """;

    @Test
    void refusesAnInvalidSpecNamingTheFieldAndStoresNothing() {
        int before = given().get("/studies").then().statusCode(200).extract().jsonPath().getList("$").size();
        given().contentType("application/yaml").body(yaml(SPEC.replace("[en, ja]", "[en, klingon]")))
                .post("/studies")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("design.languages[1]"))
                .body("errors[0].line", equalTo(3))
                .body("error", containsString("klingon"));
        given().contentType("application/yaml").body(yaml(SPEC.replace("alignmentRatios: [0, 0.5, 1]",
                        "alignmentRatios: [0, 1.5]").replace("replicates: 2", "replicates: 1").replace("limits",
                        "limitz")))
                .post("/studies")
                .then().statusCode(400)
                .body("errors.field", hasItem("design.alignmentRatios[1]"))
                .body("errors.field", hasItem("design.replicates"))
                .body("errors.field", hasItem("limitz"));
        int after = given().get("/studies").then().statusCode(200).extract().jsonPath().getList("$").size();
        assertEquals(before, after, "a refused spec must not be stored");
    }

    @Test
    void drivesARunTurnByTurnAndIgnoresDuplicates() {
        String studyId = given().contentType("application/yaml").body(yaml(SPEC)).post("/studies")
                .then().statusCode(201)
                .body("progress.total", equalTo(12))
                .body("synthetic", equalTo(true))
                .extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();

        // Cap of 1 concurrent run: only the first run's ten turn-1 requests go out.
        List<TurnRequest> turn1 = requestsOf(probe, studyId, 1, 10);
        String runId = turn1.get(0).condition().runId();
        assertEquals(studyId + "-en-r000-01", runId);
        assertTrue(turn1.stream().allMatch(r -> r.condition().runId().equals(runId)));
        assertTrue(turn1.stream().noneMatch(TurnRequest::aligned), "ratio 0 has no aligned agent");
        assertTrue(turn1.get(0).systemPrompt().length() > 100, "the prompt is rendered");

        // Nine replies and a duplicate of one of them: the run must not advance.
        for (int agent = 0; agent < 9; agent++) {
            reply(probe, turn1.get(agent));
        }
        reply(probe, turn1.get(0));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + runId).then()
                .body("messagesStored", equalTo(9)).body("currentTurn", equalTo(1)));

        // The tenth reply completes turn 1: turn 2 goes out, carrying what the group said.
        reply(probe, turn1.get(9));
        List<TurnRequest> turn2 = requestsOf(probe, studyId, 2, 10);
        assertTrue(turn2.get(3).userPrompt().contains("talk of agent 7"), "turn 2 shows turn 1's talk");

        for (TurnRequest request : turn2) {
            reply(probe, request);
        }
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + runId).then()
                .body("status", equalTo("COMPLETED")).body("messagesStored", equalTo(20)));
        given().get("/runs/" + runId + "/transcript").then().statusCode(200)
                .body("turns.size()", equalTo(2))
                .body("turns[0].messages.size()", equalTo(10))
                .body("turns[1].messages[2].monologue", equalTo("monologue of agent 2 at turn 2"))
                .body("label", containsString("SYNTHETIC"));

        // Completion was announced, and the next run was admitted.
        List<ConsumerRecord<String, String>> events = probe.read(Topics.RUN_EVENTS, DEADLINE,
                r -> r.stream().anyMatch(e -> e.value().contains("\"COMPLETED\"") && e.key().equals(runId)));
        RunEvent completed = events.stream().map(e -> EventCodec.decode(e.value(), RunEvent.class))
                .filter(e -> e.type() == RunEvent.Type.COMPLETED && e.condition().runId().equals(runId))
                .findFirst().orElseThrow();
        assertEquals(20, completed.messages());
        assertEquals(List.of("en", "ja"), completed.study().languages());
        requestsOf(probe, studyId, 1, 20);
        given().get("/studies/" + studyId).then().body("progress.completed", equalTo(1))
                .body("progress.running", equalTo(1));

        // The export is stamped with the study's lock and holds every stored message.
        String lock = given().get("/studies/" + studyId).then().extract().path("lockHash");
        assertEquals(64, lock.length());
        // The lock fixes the scorer and each language's lexicon that will score the study.
        given().get("/studies/" + studyId + "/lock").then().statusCode(200)
                .body("lockHash", equalTo(lock))
                .body("scorerVersion", equalTo(dev.backfire.scorer.TextScorer.SCORER_VERSION))
                .body("lexiconVersions.en", equalTo(dev.backfire.scorer.LexiconVersions.bundled(List.of("en")).get("en")))
                .body("lexiconVersions.ja", equalTo(dev.backfire.scorer.LexiconVersions.bundled(List.of("ja")).get("ja")))
                .body("analysisPlan", equalTo(dev.backfire.protocol.lock.StudyLock.ANALYSIS_PLAN));
        List<String> lines = given().get("/studies/" + studyId + "/transcripts.jsonl").then().statusCode(200)
                .extract().asString().lines().toList();
        assertTrue(lines.get(0).contains("\"lockHash\":\"" + lock + "\""), lines.get(0));
        assertEquals(1 + 20, lines.size());
        assertTrue(lines.get(20).contains("monologue of agent 9 at turn 2"), lines.get(20));
    }

    @Test
    void appliesSlotModelsIndividuationCensorshipAndTheTokenBudget() {
        String spec = """
                apiVersion: backfire/v1
                name: interventions
                design: {languages: [en], alignmentRatios: [0, 1], replicates: 2, agents: 10, turns: 2}
                model: {name: synthetic, slots: {"3": other-model}}
                interventions:
                  individuation: {agents: 2}
                  censorship: {mode: visibleNotice, agent: 4}
                limits: {maxConcurrentRuns: 1, maxTotalTokens: 100}
                """;
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<TurnRequest> turn1 = requestsOf(probe, studyId, 1, 10);
        String runId = turn1.get(0).condition().runId();
        List<Integer> individuated = given().get("/runs/" + runId).then().extract().path("individuatedAgents");
        assertEquals(2, individuated.size());
        String plain = turn1.stream().filter(r -> !individuated.contains(r.agentId())).findFirst().orElseThrow()
                .systemPrompt();
        String individual = turn1.get(individuated.get(0)).systemPrompt();
        assertTrue(individual.length() > plain.length(), "the individuation instruction is in the prompt");
        assertEquals("other-model", turn1.get(3).settings().model());
        assertEquals("synthetic", turn1.get(2).settings().model());

        turn1.forEach(r -> reply(probe, r));
        List<TurnRequest> turn2 = requestsOf(probe, studyId, 2, 10);
        assertTrue(turn2.get(0).userPrompt().contains("talk of agent 3"), "uncensored talk is shown");
        assertFalse(turn2.get(0).userPrompt().contains("talk of agent 4"), "censored talk is replaced");
        assertTrue(turn2.get(4).userPrompt().contains("talk of agent 4"), "the censored agent sees its own talk");

        turn2.forEach(r -> reply(probe, r));
        // 20 replies of 15 tokens spend the budget of 100: the study stops with its pending runs kept.
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + studyId).then()
                .body("status", equalTo("BUDGET_EXHAUSTED"))
                .body("progress.completed", equalTo(1))
                .body("progress.pending", equalTo(3))
                .body("progress.tokensUsed", equalTo(300)));
    }

    @Test
    void sendsTheSpecsSyntheticParametersAndServesTheIntendedHits() {
        String spec = """
                apiVersion: backfire/v1
                name: synthetic-truth
                design: {languages: [ja], alignmentRatios: [0], replicates: 2, agents: 4, turns: 1}
                model:
                  name: synthetic
                  slots: {"3": other-model}
                  synthetic:
                    censorshipChill: 2
                    escalation: {eviction: 0.5}
                limits: {maxConcurrentRuns: 1}
                """;
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        List<TurnRequest> turn1 = requestsOf(probe, studyId, 1, 4);
        Map<String, Double> expected = Map.of("censorshipChill", 2.0, "escalation.eviction", 0.5);
        for (TurnRequest request : turn1.subList(0, 3)) {
            assertEquals(expected, request.settings().syntheticParameters(), "agent " + request.agentId());
        }
        assertEquals("other-model", turn1.get(3).settings().model());
        assertEquals(Map.of(), turn1.get(3).settings().syntheticParameters(), "a real model gets none");

        Map<String, Integer> hits = Map.of("conformity", 2, "protective", 1, "protective.harmony", 1);
        for (TurnRequest request : turn1.subList(0, 3)) {
            reply(probe, request, 0.0, hits);
        }
        reply(probe, turn1.get(3), 0.0, null);
        String runId = turn1.get(0).condition().runId();
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + runId).then()
                .body("status", equalTo("COMPLETED")));
        given().get("/runs/" + runId + "/transcript").then().statusCode(200)
                .body("turns[0].messages[0].syntheticIntendedHits.conformity", equalTo(2))
                .body("turns[0].messages[2].syntheticIntendedHits.'protective.harmony'", equalTo(1))
                .body("turns[0].messages[3].syntheticIntendedHits", org.hamcrest.Matchers.nullValue());
        List<String> lines = given().get("/studies/" + studyId + "/transcripts.jsonl").then().statusCode(200)
                .extract().asString().lines().toList();
        assertTrue(lines.get(0).contains(
                "\"syntheticParameters\":{\"censorshipChill\":2.0,\"escalation.eviction\":0.5}"), lines.get(0));
        assertTrue(lines.get(1).contains("\"syntheticIntendedHits\":{\"conformity\":2,\"protective\":1,"
                + "\"protective.harmony\":1}"), lines.get(1));
        assertTrue(lines.get(4).contains("\"syntheticIntendedHits\":null"), lines.get(4));
    }

    @Test
    void failsARunAtOnceWhenItsModelIsNotServedAndMovesOn() {
        String spec = SPEC.replace("name: flow", "name: unserved").replace("[en, ja]", "[en]");
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        TurnRequest first = requestsOf(probe, studyId, 1, 10).get(0);
        TurnFailure failure = new TurnFailure(SchemaVersions.TURN_FAILURE, first.eventId(), first.condition(),
                first.agentId(), first.turn(), "no-such-model", TurnFailure.Kind.UNKNOWN_MODEL,
                "model 'no-such-model' is not configured in this agent", 0, System.currentTimeMillis());
        probe.send(Topics.TURN_FAILURES, failure.key(), EventCodec.encode(failure));
        String runId = first.condition().runId();
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + runId).then()
                .body("status", equalTo("FAILED"))
                .body("failureReason", containsString("UNKNOWN_MODEL")));
        requestsOf(probe, studyId, 1, 20);
    }

    @Test
    void holdsCallsBackAtTheModelsLimitAndReleasesThemAsRepliesArrive() {
        String spec = SPEC.replace("name: flow", "name: capped").replace("[en, ja]", "[en]")
                .replace("limits:", "model: {name: capped-model}\nlimits:");
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        // The model allows 3 calls in flight: 3 requests go out, 7 wait in the orchestrator.
        await().atMost(DEADLINE).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().extract().asString();
            assertTrue(metrics.contains("backfire_orchestrator_calls_queued 7.0"), "7 queued");
            assertTrue(metrics.contains("backfire_orchestrator_calls_held_total{limit=\"model-concurrency\","
                    + "model=\"capped-model\"}"), "the held calls are counted by model and limit");
        });
        assertEquals(3, requestsOf(probe, studyId, 1, 3).size(), "no more than the model's cap is published");
        // Each reply frees a slot for the next request, until the turn is complete.
        for (int i = 0; i < 10; i++) {
            List<TurnRequest> out = requestsOf(probe, studyId, 1, Math.min(10, 3 + i));
            reply(probe, out.get(i));
        }
        requestsOf(probe, studyId, 2, 3);
    }

    @Test
    void sendsAFailedCallAgainAfterTheRetryDelayAndLogsTheDeviation() {
        String spec = SPEC.replace("name: flow", "name: retried").replace("[en, ja]", "[en]");
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        TurnRequest first = requestsOf(probe, studyId, 1, 10).get(0);
        TurnFailure failure = new TurnFailure(SchemaVersions.TURN_FAILURE, first.eventId(), first.condition(),
                first.agentId(), first.turn(), "synthetic", TurnFailure.Kind.RATE_LIMITED,
                "429 after 3 retries", 3, System.currentTimeMillis());
        probe.send(Topics.TURN_FAILURES, failure.key(), EventCodec.encode(failure));
        String retried = EventIds.turn(first.condition().runId(), 1, first.agentId(), 1);
        probe.read(Topics.TURN_REQUESTS, DEADLINE, r -> r.stream().anyMatch(e -> e.value().contains(retried)));
        given().get("/studies/" + studyId + "/deviations").then().statusCode(200)
                .body("kind", hasItem("TURN_RETRIED"))
                .body("[0].lockHash", equalTo(given().get("/studies/" + studyId).then().extract().path("lockHash")))
                .body("[0].detail", containsString("RATE_LIMITED"));
        given().get("/studies/" + studyId).then().body("deviations.TURN_RETRIED", equalTo(1));
    }

    @Test
    void asksAgentsOneAfterAnotherInTheSeededOrderWhenTurnsAreSequential() {
        String spec = """
                apiVersion: backfire/v1
                name: sequential
                design: {languages: [en], alignmentRatios: [0], replicates: 2, agents: 4, turns: 2,
                         turnOrder: sequential}
                interventions:
                  censorship: {mode: withdrawingPersona, agent: 2}
                limits: {maxConcurrentRuns: 1}
                """;
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        String runId = studyId + "-en-r000-01";
        long seed = ((Number) given().get("/runs/" + runId).then().extract().path("seed")).longValue();
        String withdrawing = dev.backfire.protocol.scenario.ScenarioLibrary.loadBundled().scenario("en")
                .censorshipWithdrawingPersona();
        for (int turn = 1; turn <= 2; turn++) {
            List<Integer> order = dev.backfire.protocol.spec.SpeakingOrder.of(seed, turn, 4);
            for (int p = 0; p < 4; p++) {
                int position = p;
                // Only the next speaker is asked; it hears what the earlier speakers of the turn said.
                List<TurnRequest> asked = requestsOf(probe, studyId, turn, position + 1);
                assertEquals(position + 1, asked.size(), "one request per speaker so far, turn " + turn);
                int speaker = order.get(position);
                TurnRequest request = asked.stream().filter(r -> r.agentId() == speaker).findFirst().orElseThrow(
                        () -> new AssertionError("agent " + speaker + " should speak at position " + position));
                for (int earlier : order.subList(0, position)) {
                    assertTrue(request.userPrompt().contains("talk of agent " + earlier),
                            "agent " + speaker + " hears earlier speaker " + earlier);
                }
                assertEquals(speaker == 2, request.systemPrompt().contains(withdrawing.strip()),
                        "only the censored agent carries the withdrawing persona");
                reply(probe, request);
            }
        }
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/runs/" + runId).then()
                .body("status", equalTo("COMPLETED")).body("messagesStored", equalTo(8)));
    }

    @Test
    void stopsStartingRunsOnceTheMoneyBudgetIsSpent() {
        String spec = SPEC.replace("name: flow", "name: priced").replace("[en, ja]", "[en]")
                .replace("limits: {maxConcurrentRuns: 1}", "limits: {maxConcurrentRuns: 1, maxCostUsd: 0.05}");
        String studyId = given().contentType("application/yaml").body(yaml(spec)).post("/studies")
                .then().statusCode(201).extract().path("id");
        TopicProbe probe = TopicProbe.ofTestBroker();
        // 20 replies at $0.003 each cost $0.06: the first run finishes, no second one starts.
        requestsOf(probe, studyId, 1, 10).forEach(r -> reply(probe, r, 0.003));
        requestsOf(probe, studyId, 2, 10).forEach(r -> reply(probe, r, 0.003));
        await().atMost(DEADLINE).untilAsserted(() -> given().get("/studies/" + studyId).then()
                .body("status", equalTo("BUDGET_EXHAUSTED"))
                .body("progress.completed", equalTo(1))
                .body("progress.pending", equalTo(5))
                .body("deviations.BUDGET_EXHAUSTED", equalTo(1)));
        io.restassured.path.json.JsonPath progress = given().get("/studies/" + studyId).then().extract().jsonPath();
        // REST Assured reads JSON numbers as floats: compare at float precision.
        assertEquals(0.06, progress.getDouble("progress.costUsd"), 1e-6);
        assertEquals(0.05, progress.getDouble("progress.costBudgetUsd"), 1e-6);
    }

    @Test
    void sendsMalformedRepliesToTheDeadLetterTopicAndKeepsRunning() {
        TopicProbe probe = TopicProbe.ofTestBroker();
        probe.send(Topics.AGENT_MESSAGES, "x", "{not json");
        List<ConsumerRecord<String, String>> dead = probe.read(Topics.DEAD_LETTERS, DEADLINE,
                r -> r.stream().anyMatch(e -> e.value().equals("{not json")));
        assertTrue(dead.stream().anyMatch(e -> e.value().equals("{not json")));
        given().get("/q/health/ready").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").post("/studies").then().statusCode(400);
    }

    private static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<TurnRequest> requestsOf(TopicProbe probe, String studyId, int turn, int atLeast) {
        List<TurnRequest> requests = probe.read(Topics.TURN_REQUESTS, DEADLINE,
                        r -> decode(r, studyId, turn).size() >= atLeast).stream()
                .map(r -> EventCodec.decode(r.value(), TurnRequest.class))
                .filter(r -> r.condition().studyId().equals(studyId) && r.turn() == turn)
                .sorted(java.util.Comparator.comparing((TurnRequest r) -> r.condition().runId())
                        .thenComparingInt(TurnRequest::agentId))
                .toList();
        assertTrue(requests.size() >= atLeast, "expected " + atLeast + " turn-" + turn + " requests, got "
                + requests.size());
        return requests;
    }

    private static List<TurnRequest> decode(List<ConsumerRecord<String, String>> records, String studyId, int turn) {
        return records.stream().map(r -> EventCodec.decode(r.value(), TurnRequest.class))
                .filter(r -> r.condition().studyId().equals(studyId) && r.turn() == turn).toList();
    }

    private static void reply(TopicProbe probe, TurnRequest request) {
        reply(probe, request, 0.0);
    }

    private static void reply(TopicProbe probe, TurnRequest request, double costUsd) {
        reply(probe, request, costUsd, Map.of());
    }

    private static void reply(TopicProbe probe, TurnRequest request, double costUsd, Map<String, Integer> hits) {
        AgentMessage message = new AgentMessage(SchemaVersions.AGENT_MESSAGE,
                EventIds.message(request.condition().runId(), request.turn(), request.agentId()),
                request.condition(), request.agentId(), request.aligned(), request.turn(),
                "talk of agent " + request.agentId(),
                "monologue of agent " + request.agentId() + " at turn " + request.turn(), "synthetic",
                "synthetic-1", true, false, new Usage(10, 5, 1, 0, costUsd), request.promptHash(), hits,
                System.currentTimeMillis());
        probe.send(Topics.AGENT_MESSAGES, message.key(), EventCodec.encode(message));
    }
}
