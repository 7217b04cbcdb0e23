package dev.backfire.stats.messaging;

import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.MalformedEventException;
import dev.backfire.contracts.MessageScore;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.Topics;
import dev.backfire.stats.service.StudyRecompute;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Scores and run events into the stats store. Blocking: storing is a PostgreSQL transaction, and the
 * offsets are committed after it. Scores come a consumer poll at a time, one transaction per batch (a
 * score per transaction cannot keep up with a study's pace). A run that becomes complete asks for one
 * recomputation of its study, which {@link StudyRecompute} coalesces. An unreadable event goes to the
 * dead-letter topic on its own; a database failure is retried ({@link Ingestion}), because sending a
 * valid score to the dead-letter topic would lose it.
 */
@ApplicationScoped
public class StatsConsumers {
    public static final String SCORES = "message-scores";
    public static final String RUN_EVENTS = "run-events";

    private final Ingestion ingestion;
    private final StudyRecompute recompute;
    private final DeadLetters deadLetters;

    public StatsConsumers(Ingestion ingestion, StudyRecompute recompute, DeadLetters deadLetters) {
        this.ingestion = ingestion;
        this.recompute = recompute;
        this.deadLetters = deadLetters;
    }

    @Incoming(SCORES)
    @Blocking
    public void onScores(ConsumerRecords<String, String> records) {
        List<MessageScore> scores = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                scores.add(EventCodec.decode(record.value(), MessageScore.class));
            } catch (MalformedEventException e) {
                deadLetters.send(Topics.MESSAGE_SCORES, record.key(), record.value(), e.getMessage());
            }
        }
        if (!scores.isEmpty()) {
            ingestion.scores(scores).forEach(recompute::request);
        }
    }

    @Incoming(RUN_EVENTS)
    @Blocking
    public void onRunEvent(ConsumerRecord<String, String> record) {
        RunEvent event;
        try {
            event = EventCodec.decode(record.value(), RunEvent.class);
        } catch (MalformedEventException e) {
            deadLetters.send(Topics.RUN_EVENTS, record.key(), record.value(), e.getMessage());
            return;
        }
        ingestion.runEvent(event).forEach(recompute::request);
    }
}
