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
import dev.backfire.protocol.scenario.ScenarioLibrary;
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
 * speech of the group from the last {@code transcriptTurns} turns (as the censorship setting lets it
 * through) and, when the context policy says so, its own previous monologue.
 */
public final class TurnPlanner {
    private final PromptRenderer renderer;
    private final ScenarioLibrary scenarios;

    public TurnPlanner(ScenarioLibrary scenarios) {
        this.scenarios = scenarios;
        this.renderer = new PromptRenderer(scenarios);
    }

    /** The first turn whose replies {@link #plan} needs for a turn: the context window, at least one turn back. */
    public static int historyStart(StudyEntity study, int turn) {
        return Math.max(1, turn - Math.max(1, study.transcriptTurns));
    }

    /**
     * @param history replies of turns {@link #historyStart} to {@code turn - 1}, in turn and agent order
     *                (empty for turn 1)
     * @param agents  which agents to ask (all of them, or the ones whose reply is missing)
     * @param attempt 0 for the first issue of the turn, then 1, 2, ... for re-issues
     */
    public List<TurnRequest> plan(StudyEntity study, RunEntity run, int turn, List<MessageEntity> history,
                                  Set<Integer> agents, int attempt, long nowMs) {
        RunCondition condition = new RunCondition(study.id, run.id, run.language, run.alignmentRatio, run.replicate);
        int firstShown = turn - study.transcriptTurns;
        List<MessageEntity> shown = history.stream().filter(m -> m.turn >= firstShown).toList();
        Map<Integer, String> monologues = history.stream().filter(m -> m.turn == turn - 1)
                .collect(Collectors.toMap(m -> m.agentId, m -> m.monologue, (a, b) -> a));
        AlignmentLevel level = AlignmentLevel.valueOf(study.alignmentLevel.toUpperCase(Locale.ROOT));
        Map<Integer, String> slots = StudyContexts.modelSlots(study);
        List<Integer> individuated = run.individuatedList();
        List<TurnRequest> requests = new ArrayList<>(agents.size());
        for (int agentId : agents.stream().sorted().toList()) {
            boolean aligned = run.isAligned(agentId);
            PromptContext context = new PromptContext(agentId, aligned ? level : AlignmentLevel.NONE,
                    individuated.contains(agentId), turn, study.turns, transcriptFor(study, run, agentId, shown),
                    study.ownMonologue ? monologues.get(agentId) : null);
            RenderedPrompt prompt = renderer.render(run.language, context);
            ModelSettings settings = new ModelSettings(slots.getOrDefault(agentId, study.model), study.temperature,
                    study.maxTokens, Seeds.call(run.seed, turn, agentId));
            requests.add(new TurnRequest(SchemaVersions.TURN_REQUEST, EventIds.turn(run.id, turn, agentId, attempt),
                    condition, agentId, aligned, turn, study.turns, settings, prompt.system(), prompt.user(),
                    prompt.hash(), nowMs));
        }
        return requests;
    }

    /**
     * What a viewer sees of the group's talk: the censored agent's lines are replaced by the scenario's
     * notice or dropped, for everyone but the censored agent itself.
     */
    private List<TranscriptLine> transcriptFor(StudyEntity study, RunEntity run, int viewer,
                                               List<MessageEntity> shown) {
        String mode = study.censorshipMode == null ? "NONE" : study.censorshipMode;
        List<TranscriptLine> lines = new ArrayList<>(shown.size());
        for (MessageEntity m : shown) {
            boolean censored = m.agentId == study.censoredAgent && viewer != m.agentId;
            if (censored && mode.equals("SILENT_DROP")) {
                continue;
            }
            String talk = censored && mode.equals("VISIBLE_NOTICE")
                    ? scenarios.scenario(run.language).visibleNotice(m.agentId) : m.talk;
            lines.add(new TranscriptLine(m.agentId, talk));
        }
        return lines;
    }

    /**
     * The agents to ask now in the run's current turn, given the replies stored for it: every agent without
     * a reply (turns are simultaneous).
     */
    public Set<Integer> toAsk(StudyEntity study, RunEntity run, List<MessageEntity> turnReplies) {
        return missing(study.agents, turnReplies);
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
