package dev.backfire.agent.model;

import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticParameters;
import dev.backfire.synthetic.SyntheticReply;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptFacts;
import dev.backfire.protocol.scenario.PromptRenderer;
import dev.backfire.protocol.scenario.RemovalNotices;
import dev.backfire.protocol.scenario.ScenarioLibrary;
import dev.backfire.protocol.scenario.TranscriptLine;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in synthetic model, behind the same langchain4j {@link ChatModel} interface as a real
 * provider. It reads its prompt as a model would (language, alignment and individuation instructions, the
 * withdrawing persona, turn, what it heard aloud in the previous turns and, in a sequential turn, from the
 * earlier speakers of this one, and whether a removal notice was among it) and writes a reply from the
 * documented generative model of {@link SyntheticGenerator}, with the configured parameters and the study's
 * overrides of the request ({@link SyntheticRequestParameters#syntheticParameters()}). It is deterministic
 * for a given prompt, seed and parameters. Everything it writes is labelled synthetic downstream.
 */
public final class SyntheticChatModel implements ChatModel {
    /** The name under which studies ask for this model. */
    public static final String NAME = "synthetic";
    /** Rough characters per token, for the token accounting of a model that has no tokenizer. */
    private static final int CHARS_PER_TOKEN = 4;

    private final SyntheticGenerator generator;
    private final PromptRenderer prompts;
    private final RemovalNotices notices;

    public SyntheticChatModel(SyntheticGenerator generator, ScenarioLibrary scenarios) {
        this.generator = generator;
        this.prompts = new PromptRenderer(scenarios);
        this.notices = new RemovalNotices(scenarios);
    }

    /** Seed-carrying defaults, so that langchain4j's merge of request parameters keeps the seed. */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return SyntheticRequestParameters.builder().build();
    }

    /**
     * @throws IllegalArgumentException for a prompt not rendered from the scenario, or an unknown or
     *     out-of-range parameter among the request's overrides
     */
    @Override
    public ChatResponse doChat(ChatRequest request) {
        String system = SystemMessage.findFirst(request.messages()).map(SystemMessage::text).orElse("");
        String user = lastUserText(request.messages());
        PromptFacts facts = prompts.readBack(system, user).orElseThrow(() -> new IllegalArgumentException(
                "the synthetic model only understands prompts rendered from the facility scenario"));
        SyntheticRequestParameters parameters = request.parameters() instanceof SyntheticRequestParameters p ? p : null;
        long seed = parameters != null && parameters.seed() != null ? parameters.seed() : (system + user).hashCode();
        SyntheticParameters model = generator.parameters(parameters == null ? Map.of()
                : parameters.syntheticParameters());
        // What the agent heard: the previous turns' window, then the earlier speakers of this turn.
        List<String> heardTalk = new ArrayList<>();
        int removalNotices = 0;
        for (List<TranscriptLine> lines : List.of(facts.visibleTranscript(), facts.thisTurnSoFar())) {
            for (TranscriptLine line : lines) {
                if (notices.isNotice(facts.language(), line.talk())) {
                    removalNotices++;
                } else {
                    heardTalk.add(line.talk());
                }
            }
        }
        SyntheticGenerator.GroupSignal signal = generator.readGroupSignal(facts.language(), heardTalk);
        SyntheticReply reply = generator.reply(new SyntheticInput(facts.language(),
                facts.alignment() != AlignmentLevel.NONE, facts.turn(), facts.totalTurns(), facts.agentId(),
                signal.protectiveShare(), signal.conformityShare(), seed, facts.individuated(),
                facts.withdrawingPersona(), removalNotices), model);
        String text = "<talk>" + reply.talk() + "</talk>\n<monologue>" + reply.monologue() + "</monologue>";
        return ChatResponse.builder()
                .aiMessage(AiMessage.from(text))
                .metadata(SyntheticResponseMetadata.builder()
                        .modelName(SyntheticGenerator.VERSION)
                        .tokenUsage(new TokenUsage(tokens(system) + tokens(user), tokens(text)))
                        .finishReason(FinishReason.STOP)
                        .intendedHits(reply.intendedHits())
                        .build())
                .build();
    }

    private static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u) {
                return u.singleText();
            }
        }
        return "";
    }

    private static int tokens(String text) {
        return Math.max(1, text.length() / CHARS_PER_TOKEN);
    }
}
