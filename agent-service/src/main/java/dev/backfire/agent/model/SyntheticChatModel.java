package dev.backfire.agent.model;

import dev.backfire.synthetic.SyntheticGenerator;
import dev.backfire.synthetic.SyntheticInput;
import dev.backfire.synthetic.SyntheticReply;
import dev.backfire.protocol.scenario.AlignmentLevel;
import dev.backfire.protocol.scenario.PromptFacts;
import dev.backfire.protocol.scenario.PromptRenderer;
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
import java.util.List;

/**
 * The built-in synthetic model, behind the same langchain4j {@link ChatModel} interface as a real
 * provider. It reads its prompt as a model would (language, alignment instruction, turn, what the group
 * said) and writes a reply from a documented generative model of group dynamics; it is deterministic for
 * a given prompt and seed. Everything it writes is labelled synthetic downstream.
 */
public final class SyntheticChatModel implements ChatModel {
    /** The name under which studies ask for this model. */
    public static final String NAME = "synthetic";
    /** Rough characters per token, for the token accounting of a model that has no tokenizer. */
    private static final int CHARS_PER_TOKEN = 4;

    private final SyntheticGenerator generator;
    private final PromptRenderer prompts;

    public SyntheticChatModel(SyntheticGenerator generator, PromptRenderer prompts) {
        this.generator = generator;
        this.prompts = prompts;
    }

    /** Seed-carrying defaults, so that langchain4j's merge of request parameters keeps the seed. */
    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return SyntheticRequestParameters.builder().build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        String system = SystemMessage.findFirst(request.messages()).map(SystemMessage::text).orElse("");
        String user = lastUserText(request.messages());
        PromptFacts facts = prompts.readBack(system, user).orElseThrow(() -> new IllegalArgumentException(
                "the synthetic model only understands prompts rendered from the facility scenario"));
        long seed = request.parameters() instanceof SyntheticRequestParameters p && p.seed() != null
                ? p.seed() : (system + user).hashCode();
        List<String> groupTalk = facts.visibleTranscript().stream().map(TranscriptLine::talk).toList();
        SyntheticGenerator.GroupSignal signal = generator.readGroupSignal(facts.language(), groupTalk);
        SyntheticReply reply = generator.reply(new SyntheticInput(facts.language(),
                facts.alignment() != AlignmentLevel.NONE, facts.turn(), facts.totalTurns(), facts.agentId(),
                signal.protectiveShare(), signal.conformityShare(), seed, facts.individuated()));
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
