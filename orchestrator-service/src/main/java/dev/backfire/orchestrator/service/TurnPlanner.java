package dev.backfire.orchestrator.service;

import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.ModelSettings;
import dev.backfire.contracts.RunCondition;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.orchestrator.store.MessageEntity;
import dev.backfire.orchestrator.store.RunEntity;
import dev.backfire.orchestrator.store.StudyEntity;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptContext;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RenderedPrompt;
import dev.backfire.protocol.scenario.TranscriptLine;
import dev.backfire.protocol.spec.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the turn requests of one turn of a run. Turns are simultaneous: every agent sees the public
 * speech of the whole group from the previous turn and its own previous monologue.
 */
public final class TurnPlanner {
    private final PromptRenderer renderer;

    public TurnPlanner(PromptRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * @param previousTurn the replies of the previous turn (empty for turn 1)
     * @param agents       which agents to ask (all of them, or the ones whose reply is missing)
     * @param attempt      0 for the first issue of the turn, then 1, 2, ... for re-issues
     */
    public List<TurnRequest> plan(StudyEntity study, RunEntity run, int turn, List<MessageEntity> previousTurn,
                                  Set<Integer> agents, int attempt, long nowMs) {
        RunCondition condition = new RunCondition(study.id, run.id, run.language, run.alignmentRatio, run.replicate);
        List<TranscriptLine> transcript = previousTurn.stream()
                .map(m -> new TranscriptLine(m.agentId, m.talk)).toList();
        Map<Integer, String> monologues = previousTurn.stream()
                .collect(Collectors.toMap(m -> m.agentId, m -> m.monologue, (a, b) -> a));
        AlignmentLevel level = AlignmentLevel.valueOf(study.alignmentLevel.toUpperCase(Locale.ROOT));
        List<TurnRequest> requests = new ArrayList<>(agents.size());
        for (int agentId : agents.stream().sorted().toList()) {
            boolean aligned = run.isAligned(agentId);
            PromptContext context = new PromptContext(agentId, aligned ? level : AlignmentLevel.NONE, false, turn,
                    study.turns, transcript, monologues.get(agentId));
            RenderedPrompt prompt = renderer.render(run.language, context);
            ModelSettings settings = new ModelSettings(study.model, study.temperature, study.maxTokens,
                    Seeds.call(run.seed, turn, agentId));
            requests.add(new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn(run.id, turn, agentId, attempt),
                    condition, agentId, aligned, turn, study.turns, settings, prompt.system(), prompt.user(),
                    prompt.hash(), nowMs));
        }
        return requests;
    }

    /** Agent slots 0..n-1. */
    public static Set<Integer> allAgents(int agents) {
        return java.util.stream.IntStream.range(0, agents).boxed().collect(Collectors.toSet());
    }

    /** Agent slots with no reply among the given ones. */
    public static Set<Integer> missing(int agents, List<MessageEntity> replies) {
        Set<Integer> have = replies.stream().map(m -> m.agentId).collect(Collectors.toSet());
        return allAgents(agents).stream().filter(agent -> !have.contains(agent)).collect(Collectors.toSet());
    }
}
