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
import dev.backfire.protocol.scenario.Scenario;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.scenario.TranscriptLine;
import dev.backfire.protocol.spec.Seeds;
import dev.backfire.protocol.spec.SpeakingOrder;
import dev.backfire.protocol.spec.StudySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the turn requests of one turn of a run. Every agent sees the public speech of the group from the
 * last {@code transcriptTurns} turns (as the censorship setting lets it through) and, when the context
 * policy says so, its own previous monologue. In a simultaneous turn every agent is asked at once; in a
 * sequential one the agents are asked one after another in the run's seeded speaking order
 * ({@link SpeakingOrder}), each hearing what the earlier speakers of the turn said aloud. Calls to the
 * synthetic model carry the study's parameters of it ({@code model.synthetic}); other models get none.
 */
public final class TurnPlanner {
    private final PromptRenderer renderer;
    private final ScenarioLibrary scenarios;

    public TurnPlanner(ScenarioLibrary scenarios) {
        this.scenarios = scenarios;
        this.renderer = new PromptRenderer(scenarios);
    }

    /**
     * A turn request and the size of its prompts in UTF-8 bytes, from which admission estimates its tokens.
     */
    public record PlannedRequest(TurnRequest request, int promptBytes) {
    }

    /** The first turn whose replies {@link #plan} needs for a turn: the context window, at least one turn back. */
    public static int historyStart(StudyEntity study, int turn) {
        return Math.max(1, turn - Math.max(1, study.transcriptTurns));
    }

    /**
     * @param history replies of turns {@link #historyStart} to {@code turn}, in turn and agent order: the
     *                previous turns' and, in a sequential turn, the current turn's so far (empty for the
     *                first speaker of turn 1)
     * @param agents  which agents to ask ({@link #toAsk}, or the ones whose request must be sent again)
     * @param attempt 0 for the first issue of the turn, then 1, 2, ... for re-issues
     */
    public List<PlannedRequest> plan(StudyEntity study, RunEntity run, int turn, List<MessageEntity> history,
                                  Set<Integer> agents, int attempt, long nowMs) {
        RunCondition condition = new RunCondition(study.id, run.id, run.language, run.alignmentRatio, run.replicate);
        int firstShown = turn - study.transcriptTurns;
        List<TranscriptLine> shown = history.stream().filter(m -> m.turn >= firstShown && m.turn < turn)
                .map(m -> new TranscriptLine(m.agentId, m.talk)).toList();
        Map<Integer, String> thisTurn = history.stream().filter(m -> m.turn == turn)
                .collect(Collectors.toMap(m -> m.agentId, m -> m.talk, (a, b) -> a));
        Map<Integer, String> monologues = history.stream().filter(m -> m.turn == turn - 1)
                .collect(Collectors.toMap(m -> m.agentId, m -> m.monologue, (a, b) -> a));
        AlignmentLevel level = AlignmentLevel.valueOf(study.alignmentLevel.toUpperCase(Locale.ROOT));
        Map<Integer, String> slots = StudyContexts.modelSlots(study);
        Map<String, Double> synthetic = StudyContexts.syntheticParameters(study);
        List<Integer> individuated = run.individuatedList();
        StudySpec.Censorship censorship = censorship(study);
        Scenario scenario = scenarios.scenario(run.language);
        List<PlannedRequest> requests = new ArrayList<>(agents.size());
        for (int agentId : agents.stream().sorted().toList()) {
            boolean aligned = run.isAligned(agentId);
            PromptContext context = new PromptContext(agentId, aligned ? level : AlignmentLevel.NONE,
                    individuated.contains(agentId), turn, study.turns, censorship.visibleTo(agentId, shown, scenario),
                    study.ownMonologue ? monologues.get(agentId) : null)
                    .withWithdrawingPersona(censorship.withdraws(agentId));
            if (study.sequential()) {
                List<TranscriptLine> earlier = SpeakingOrder.speakersBefore(run.seed, turn, study.agents, agentId)
                        .stream().filter(thisTurn::containsKey).map(a -> new TranscriptLine(a, thisTurn.get(a)))
                        .toList();
                context = context.withThisTurnSoFar(censorship.visibleTo(agentId, earlier, scenario));
            }
            RenderedPrompt prompt = renderer.render(run.language, context);
            String model = slots.getOrDefault(agentId, study.model);
            ModelSettings settings = new ModelSettings(model, study.temperature, study.maxTokens,
                    Seeds.call(run.seed, turn, agentId),
                    StudySpec.ModelSpec.SYNTHETIC.equals(model) ? synthetic : Map.of());
            requests.add(new PlannedRequest(new TurnRequest(SchemaVersions.TURN_REQUEST,
                    EventIds.turn(run.id, turn, agentId, attempt), condition, agentId, aligned, turn, study.turns,
                    settings, prompt.system(), prompt.user(), prompt.hash(), nowMs), prompt.utf8Bytes()));
        }
        return requests;
    }

    /**
     * The agents to ask now in the run's current turn, given the replies stored for it: in a simultaneous
     * turn every agent without a reply; in a sequential one the next speaker without a reply (none when
     * everyone has answered).
     */
    public Set<Integer> toAsk(StudyEntity study, RunEntity run, List<MessageEntity> turnReplies) {
        Set<Integer> missing = missing(study.agents, turnReplies);
        if (!study.sequential()) {
            return missing;
        }
        return SpeakingOrder.of(run.seed, run.currentTurn, study.agents).stream().filter(missing::contains)
                .findFirst().map(Set::of).orElse(Set.of());
    }

    private static StudySpec.Censorship censorship(StudyEntity study) {
        StudySpec.CensorshipMode mode = study.censorshipMode == null ? StudySpec.CensorshipMode.NONE
                : StudySpec.CensorshipMode.valueOf(study.censorshipMode);
        return new StudySpec.Censorship(mode, study.censoredAgent);
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
