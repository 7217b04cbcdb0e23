package dev.backfire.local.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: publish raw records and read a topic from the start, with deadlines. */
public final class TopicProbe {
    private static final Duration POLL = Duration.ofMillis(200);
    private final String bootstrap;

    public TopicProbe(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The probe of the broker a {@link KafkaTestResource} started. */
    public static TopicProbe ofTestBroker() {
        return new TopicProbe(System.getProperty(KafkaTestResource.BOOTSTRAP_PROPERTY));
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /**
     * Reads a topic from the beginning until {@code enough} holds for the records read, or the deadline
     * passes; returns what was read either way.
     */
    public List<ConsumerRecord<String, String>> read(String topic, Duration deadline,
                                                     Predicate<List<ConsumerRecord<String, String>>> enough) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (System.nanoTime() < end && !enough.test(records)) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Every record of a topic, from the beginning to the end offsets at the time of the call, on all
     * partitions (no consumer group is joined).
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration deadline) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, deadline).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, deadline);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + deadline);
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    public Map<String, String> config() {
        return Map.of("bootstrap.servers", bootstrap);
    }
}
