package dev.backfire.protocol.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignExpanderTest {
    private static StudySpec spec(long seed) throws InvalidSpecException {
        return new StudySpecParser().parse("""
                apiVersion: backfire/v1
                name: t
                design: {languages: [en, ja], alignmentRatios: [0, 0.2, 0.5, 1], replicates: 3}
                seed: %d
                """.formatted(seed));
    }

    @Test
    void expandsEveryCellOnceInOrder() throws Exception {
        List<PlannedRun> runs = DesignExpander.expand(spec(1), "s");
        assertEquals(24, runs.size());
        assertEquals(24, new HashSet<>(runs.stream().map(PlannedRun::runId).toList()).size());
        assertEquals("s-en-r000-01", runs.get(0).runId());
        assertEquals("s-ja-r100-03", runs.get(23).runId());
        for (PlannedRun run : runs) {
            assertEquals(Math.round(run.alignmentRatio() * 10), run.alignedAgents().size());
        }
    }

    @Test
    void choosesIndividuatedSlotsIndependentlyAndPaired() throws Exception {
        StudySpec spec = new StudySpecParser().parse("""
                apiVersion: backfire/v1
                name: t
                design: {languages: [en, ja], alignmentRatios: [0, 1], replicates: 2}
                interventions: {individuation: {agents: 3}}
                """);
        List<PlannedRun> runs = DesignExpander.expand(spec, "s");
        for (PlannedRun run : runs) {
            assertEquals(3, run.individuatedAgents().size());
        }
        assertEquals(runs.get(0).individuatedAgents(), runs.get(2).individuatedAgents(), "paired across ratios");
        assertEquals(runs.get(0).individuatedAgents(), runs.get(4).individuatedAgents(), "paired across languages");
    }

    @Test
    void pairsConditionsByReplicateAndIsReproducible() throws Exception {
        List<PlannedRun> runs = DesignExpander.expand(spec(1), "s");
        PlannedRun en20 = runs.get(3);
        PlannedRun en50 = runs.get(6);
        PlannedRun ja50 = runs.get(18);
        assertEquals(en50.seed(), ja50.seed());
        assertEquals(en50.alignedAgents(), ja50.alignedAgents());
        assertTrue(en50.alignedAgents().containsAll(en20.alignedAgents()));
        assertEquals(runs, DesignExpander.expand(spec(1), "s"));
        assertNotEquals(runs.get(6).alignedAgents(), runs.get(7).alignedAgents(),
                "replicates should differ in their aligned agents");
        assertNotEquals(runs.get(6).seed(), DesignExpander.expand(spec(2), "s").get(6).seed());
    }
}
