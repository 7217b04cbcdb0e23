package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.Topics;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.local.launch.LocalStack;
import dev.backfire.local.launch.ServiceProcess;
import dev.backfire.local.launch.SuiteClient;
import dev.backfire.local.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite (docs/reliability.md). One spec with a fixed seed on the deterministic synthetic model
 * runs once cleanly, then again while the suite SIGKILLs and restarts an agent replica, the orchestrator,
 * the scoring service and the stats service, and restarts the Kafka broker; then once more while one of
 * two agent replicas is killed for good. Every run must end with exactly 10 x 15 messages, each counted
 * once by the stats service, and the results, transcripts and per-message scores must equal the clean
 * run's exactly.
 *
 * <p>Faults are injected at fixed points of progress (messages stored by the orchestrator, awaited with
 * deadlines), 10% to 50% of the study; each recovery (a JVM start, a broker start) runs in the background,
 * so the points hold however slowly the machine starts a JVM, and parts may be down together. The test
 * prints which fault it injected at which progress and how long each recovery took. The synthetic model
 * gets a small fixed latency so that calls are in flight when a replica dies; the consumers' Kafka session
 * timeout is shortened so that a killed consumer's partitions move on after seconds rather than the
 * default 45 s (this makes the suite faster, not easier: it changes no delivery semantics).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {
    private static final int AGENTS = 10;
    private static final int TURNS = 15;
    private static final int RUNS = 8;
    private static final int MESSAGES = RUNS * AGENTS * TURNS;
    private static final String SPEC = """
            apiVersion: backfire/v1
            name: faults
            design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
            model: {name: synthetic}
            seed: 20261206
            limits: {maxConcurrentRuns: 2}
            """;
    /** Simulated latency of each synthetic call, so that calls are in flight when a replica dies. */
    private static final String CALL_LATENCY = "150ms";
    private static final String SESSION_TIMEOUT_MS = "6000";
    private static final String HEARTBEAT_MS = "1000";
    private static final Duration STUDY_DEADLINE = Duration.ofMinutes(6);
    private static final Duration PROGRESS_DEADLINE = Duration.ofMinutes(3);
    private static final Duration TOPIC_READ = Duration.ofSeconds(60);
    private static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(4);

    @TempDir
    static Path logs;
    private static LocalStack stack;
    private static SuiteClient client;
    private static StudySnapshot clean;
    private static String cleanStudyId;
    private static long cleanSeconds;

    /**
     * A fault, the progress (messages stored) at which it is injected, and how the suite recovers from it.
     * The injection is immediate; the recovery (a process start, a broker start) runs in the background, so
     * that the faults land at their points of progress however slowly the machine starts a JVM, and several
     * parts can be down at once.
     */
    private record Fault(String name, int atMessages, Runnable inject, Runnable recover) {
    }

    @BeforeAll
    static void runCleanStudy() throws Exception {
        Path home = Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
        LocalStack.Options defaults = LocalStack.Options.defaults(home, logs);
        stack = LocalStack.start(defaults.withExtraProperties(Map.of(
                        "backfire.agent.synthetic.latency.mode", "fixed",
                        "backfire.agent.synthetic.latency.mean", CALL_LATENCY,
                        "kafka.session.timeout.ms", SESSION_TIMEOUT_MS,
                        "kafka.heartbeat.interval.ms", HEARTBEAT_MS)), step -> { });
        stack.addAgentReplica();
        client = stack.client();
        long start = System.nanoTime();
        cleanStudyId = Studies.runToCompletion(client, SPEC, RUNS);
        cleanSeconds = seconds(start);
        clean = snapshot(cleanStudyId);
        log("clean study " + cleanStudyId + ": " + RUNS + " runs, " + MESSAGES + " messages in " + cleanSeconds + " s");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aStudyUnderKillsAndABrokerRestartEndsExactlyAsTheCleanOne() throws Exception {
        ServiceProcess replica = stack.agentProcesses().get(1);
        List<Fault> faults = List.of(
                new Fault("SIGKILL agent replica " + replica.name() + " (start a new one)", MESSAGES / 10,
                        replica::kill, stack::addAgentReplica),
                new Fault("stop the Kafka broker (start it again, same port and log folder)", MESSAGES / 5,
                        stack::stopKafka, stack::restartKafka),
                new Fault("SIGKILL stats-service (start it again)", MESSAGES * 3 / 10,
                        () -> stack.kill(LocalStack.STATS), () -> stack.start(LocalStack.STATS)),
                new Fault("SIGKILL scoring-service (start it again)", MESSAGES * 2 / 5,
                        () -> stack.kill(LocalStack.SCORING), () -> stack.start(LocalStack.SCORING)),
                new Fault("SIGKILL orchestrator-service (start it again)", MESSAGES / 2,
                        () -> stack.kill(LocalStack.ORCHESTRATOR), () -> stack.start(LocalStack.ORCHESTRATOR)));

        long start = System.nanoTime();
        String studyId = submit();
        List<CompletableFuture<String>> recoveries = new ArrayList<>();
        // A thread per recovery: they block (a JVM start takes seconds) and must not queue behind each other.
        ExecutorService recoverers = Executors.newCachedThreadPool();
        for (Fault fault : faults) {
            awaitStored(studyId, n -> n >= fault.atMessages(), fault.atMessages() + " messages stored");
            long stored = storedOrMinusOne(studyId);
            assertTrue(stored < MESSAGES, "the study finished before the fault '" + fault.name() + "'");
            fault.inject().run();
            long injected = System.nanoTime();
            log(String.format("+%d s, %d/%d messages stored: %s", seconds(start), stored, MESSAGES, fault.name()));
            recoveries.add(CompletableFuture.supplyAsync(() -> {
                fault.recover().run();
                return String.format("recovered from '%s' in %.1f s", fault.name(), (System.nanoTime() - injected)
                        / 1e9);
            }, recoverers));
        }
        try {
            for (CompletableFuture<String> recovery : recoveries) {
                log(recovery.get(RECOVERY_DEADLINE.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            recoverers.shutdown();
        }
        awaitFinished(studyId, RUNS);
        long faultedSeconds = seconds(start);
        log("faulted study " + studyId + " finished in " + faultedSeconds + " s (clean: " + cleanSeconds + " s)");

        StudySnapshot faulted = snapshot(studyId);
        reportRedeliveries(studyId);
        List<String> differences = clean.differences(faulted);
        assertTrue(differences.isEmpty(), "the faulted study differs from the clean one:\n" + String.join("\n",
                differences));
        // The stats service was killed after the clean study: its results must have survived unchanged.
        assertTrue(clean.differences(snapshot(cleanStudyId)).isEmpty(), "the clean study's results changed");
    }

    @Test
    @Order(2)
    void killingOneOfTwoAgentReplicasMidStudyStillCompletesEveryRun() throws Exception {
        List<ServiceProcess> alive = stack.agentProcesses().stream().filter(ServiceProcess::isAlive).toList();
        assertTrue(alive.size() >= 2, "two agent replicas share the study: " + alive.size() + " alive");
        long start = System.nanoTime();
        String studyId = submit();
        awaitStored(studyId, n -> n >= MESSAGES / 3, MESSAGES / 3 + " messages stored");
        long stored = storedOrMinusOne(studyId);
        assertTrue(stored < MESSAGES, "the study finished before the replica could be killed");
        ServiceProcess victim = alive.get(0);
        victim.kill();
        log(String.format("SIGKILL %s (pid %d) at %d/%d messages stored (+%d s); %d replica(s) left", victim.name(),
                victim.pid(), stored, MESSAGES, seconds(start), alive.size() - 1));
        awaitFinished(studyId, RUNS);
        log("study " + studyId + " finished with one replica in " + seconds(start) + " s");
        List<String> differences = clean.differences(snapshot(studyId));
        assertTrue(differences.isEmpty(), "the study differs from the clean one:\n" + String.join("\n", differences));
    }

    private static String submit() {
        SuiteClient.Answer answer = client.submit(SPEC.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, answer.status(), answer.body());
        return answer.json().get("id").asText();
    }

    private static StudySnapshot snapshot(String studyId) throws Exception {
        return StudySnapshot.of(client, stack.url(LocalStack.STATS), studyId, RUNS, AGENTS, TURNS);
    }

    /** Waits until the orchestrator reports the study finished and the stats service counted every run. */
    private static void awaitFinished(String studyId, int runs) throws InterruptedException {
        Awaits.until("study " + studyId + " completes", STUDY_DEADLINE, () -> {
            try {
                return client.study(studyId).get("status").asText().equals("COMPLETED");
            } catch (RuntimeException e) {
                return false;
            }
        });
        Studies.awaitCounted(client, studyId, runs);
    }

    private static void awaitStored(String studyId, Predicate<Long> enough, String what) throws InterruptedException {
        Awaits.until(what + " of " + studyId, PROGRESS_DEADLINE, () -> enough.test(storedOrMinusOne(studyId)));
    }

    /** Messages the orchestrator stored for the study; -1 while it does not answer (it may be restarting). */
    private static long storedOrMinusOne(String studyId) {
        try {
            return client.study(studyId).get("progress").get("messagesStored").asLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Prints how many events were delivered more than once on each topic for the study: the duplicates
     * the idempotent consumers absorbed (the snapshot has already shown none was counted twice).
     */
    private static void reportRedeliveries(String studyId) {
        TopicProbe probe = new TopicProbe(stack.kafkaBootstrap());
        int requests = 0;
        Set<String> requestSlots = new HashSet<>();
        for (ConsumerRecord<String, String> r : probe.readAll(Topics.TURN_REQUESTS, TOPIC_READ)) {
            TurnRequest request = EventCodec.decode(r.value(), TurnRequest.class);
            if (request.condition().studyId().equals(studyId)) {
                requests++;
                requestSlots.add(request.condition().runId() + "/" + request.turn() + "/" + request.agentId());
            }
        }
        int replies = 0;
        Set<String> replyIds = new HashSet<>();
        for (ConsumerRecord<String, String> r : probe.readAll(Topics.AGENT_MESSAGES, TOPIC_READ)) {
            AgentMessage message = EventCodec.decode(r.value(), AgentMessage.class);
            if (message.condition().studyId().equals(studyId)) {
                replies++;
                replyIds.add(message.eventId());
            }
        }
        int scores = 0;
        Set<String> scoreIds = new HashSet<>();
        for (ConsumerRecord<String, String> r : probe.readAll(Topics.MESSAGE_SCORES, TOPIC_READ)) {
            MessageScore score = EventCodec.decode(r.value(), MessageScore.class);
            if (score.condition().studyId().equals(studyId)) {
                scores++;
                scoreIds.add(score.eventId());
            }
        }
        assertEquals(MESSAGES, requestSlots.size(), "a turn request for every (run, turn, agent)");
        assertEquals(MESSAGES, replyIds.size(), "a reply for every (run, turn, agent)");
        assertEquals(MESSAGES, scoreIds.size(), "a score for every message");
        log(String.format("events on Kafka for the faulted study: turn requests %d for %d slots (%d re-issued), "
                        + "agent replies %d for %d messages (%d duplicates), scores %d for %d messages (%d duplicates)"
                        + "; each counted once",
                requests, requestSlots.size(), requests - requestSlots.size(), replies, replyIds.size(),
                replies - replyIds.size(), scores, scoreIds.size(), scores - scoreIds.size()));
    }

    private static long seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e9);
    }

    private static void log(String line) {
        System.out.println("[fault-suite] " + line);
    }
}
