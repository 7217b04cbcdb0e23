package dev.backfire.scoring.messaging;

import dev.backfire.contracts.AgentMessage;
import dev.backfire.contracts.ChannelScore;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.EventIds;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.SchemaVersions;
import dev.backfire.contracts.Topics;
import dev.backfire.scoring.config.ScoringConfig;
import dev.backfire.scoring.metrics.ScoringMetrics;
import dev.backfire.scorer.RunningNorms;
import dev.backfire.scorer.TextScore;
import dev.backfire.scorer.TextScorer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Scores every agent message. Stateless apart from the provisional norms, which are for dashboards only:
 * a redelivered message gets the same event id, and the stats service counts each id once.
 */
@ApplicationScoped
public class ScoringProcessor {
    public static final String IN = "agent-messages";
    public static final String OUT = "message-scores";
    public static final String PROTECTIVE = "protective";
    public static final String SEXUAL = "sexual";

    private final TextScorer scorer = TextScorer.loadBundled();
    private final Map<String, RunningNorms> norms = new ConcurrentHashMap<>();
    private final ScoringConfig config;
    private final MeterRegistry registry;

    public ScoringProcessor(ScoringConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Incoming(IN)
    @Outgoing(OUT)
    @Blocking
    public Record<String, String> score(String payload) {
        AgentMessage message;
        try {
            message = EventCodec.decode(payload, AgentMessage.class);
        } catch (MalformedEventException e) {
            registry.counter(ScoringMetrics.DEAD_LETTERS, ScoringMetrics.TAG_SERVICE, ScoringMetrics.SERVICE,
                    ScoringMetrics.TAG_TOPIC, Topics.AGENT_MESSAGES).increment();
            throw e;
        }
        String language = message.condition().language();
        ChannelScore talk = channel(language, message.talk(), "talk");
        ChannelScore monologue = channel(language, message.monologue(), "monologue");
        int words = talk.words() + monologue.words();
        double monoRatio = words == 0 ? 0.0 : (double) monologue.words() / words;
        int protective = talk.hitsOf(PROTECTIVE) + monologue.hitsOf(PROTECTIVE);
        int sexual = talk.hitsOf(SEXUAL) + monologue.hitsOf(SEXUAL);
        RunningNorms studyNorms = norms.computeIfAbsent(message.condition().studyId(), id -> new RunningNorms());
        RunningNorms.Provisional provisional;
        synchronized (studyNorms) {
            provisional = studyNorms.addAndScore(monoRatio, protective, sexual);
        }
        MessageScore score = new MessageScore(SchemaVersions.MESSAGE_SCORE,
                EventIds.score(message.eventId(), config.scoringSet()), message.eventId(), config.scoringSet(),
                message.condition(), message.agentId(), message.aligned(), message.turn(), talk, monologue,
                monoRatio, provisional.cpi(), provisional.di(), TextScorer.SCORER_VERSION,
                scorer.lexiconVersion(language), message.synthetic(), System.currentTimeMillis());
        registry.counter(ScoringMetrics.MESSAGES_SCORED, ScoringMetrics.TAG_LANGUAGE, language).increment();
        return Record.of(score.key(), EventCodec.encode(score));
    }

    private ChannelScore channel(String language, String text, String channel) {
        TextScore s = scorer.score(language, text);
        s.hits().forEach((category, hits) -> {
            if (hits > 0) {
                registry.counter(ScoringMetrics.HITS, ScoringMetrics.TAG_LANGUAGE, language,
                        ScoringMetrics.TAG_CATEGORY, category, ScoringMetrics.TAG_CHANNEL, channel).increment(hits);
            }
        });
        return new ChannelScore(s.words(), s.hits());
    }
}
