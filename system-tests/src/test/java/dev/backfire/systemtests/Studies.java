package dev.backfire.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backfire.local.launch.SuiteClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Runs a study on a started local stack until every run is complete and counted by the stats service. */
final class Studies {
    static final Duration DEADLINE = Duration.ofMinutes(6);

    private Studies() {
    }

    /** Submits the spec and waits, with deadlines, until the study completed and all its runs are counted. */
    static String runToCompletion(SuiteClient client, String spec, int runs) throws InterruptedException {
        SuiteClient.Answer answer = client.submit(spec.getBytes(StandardCharsets.UTF_8));
        assertEquals(201, answer.status(), answer.body());
        String studyId = answer.json().get("id").asText();
        Awaits.until("the study finishes", DEADLINE,
                () -> client.study(studyId).get("status").asText().startsWith("COMPLETED"));
        awaitCounted(client, studyId, runs);
        return studyId;
    }

    /**
     * Waits until the stats service counted every run and its results cover them all: a run is counted in
     * one transaction and the results are recomputed right after, so the count comes first.
     */
    static void awaitCounted(SuiteClient client, String studyId, int runs) throws InterruptedException {
        Awaits.until("stats count every run of " + studyId + " and their results cover them", DEADLINE, () -> {
            try {
                SuiteClient.Answer stats = client.statsStudy(studyId);
                return stats.status() == 200 && stats.json().get("includedRuns").asInt() == runs
                        && client.get(client.statsUrl() + "/studies/" + studyId + "/results").json()
                        .path("runCount").asInt() == runs;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
