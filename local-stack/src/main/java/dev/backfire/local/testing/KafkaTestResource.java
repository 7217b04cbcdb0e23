package dev.backfire.local.testing;

import dev.backfire.contracts.Topics;
import dev.backfire.local.infra.EmbeddedKafka;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts a real KRaft broker for a {@code @QuarkusTest} and points the service at it. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
    /** System property through which tests can reach the broker's address. */
    public static final String BOOTSTRAP_PROPERTY = "backfire.test.kafka.bootstrap";
    private static final int PARTITIONS = 4;
    private EmbeddedKafka kafka;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(PARTITIONS, Topics.TURN_REQUESTS, Topics.AGENT_MESSAGES, Topics.MESSAGE_SCORES,
                Topics.RUN_EVENTS, Topics.TURN_FAILURES, Topics.DEAD_LETTERS);
        System.setProperty(BOOTSTRAP_PROPERTY, kafka.bootstrapServers());
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
