package dev.backfire.orchestrator.service;

import dev.backfire.contracts.Event;
import dev.backfire.contracts.EventCodec;
import dev.backfire.contracts.RunEvent;
import dev.backfire.contracts.TurnRequest;
import dev.backfire.orchestrator.config.OrchestratorConfig;
import dev.backfire.orchestrator.metrics.OrchestratorMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the orchestrator's events, keyed by run id, and waits until the broker acknowledged all of
 * them: a caller that returns normally knows its events are durable.
 */
@ApplicationScoped
public class EventPublisher {
    public static final String TURN_REQUESTS_CHANNEL = "turn-requests";
    public static final String RUN_EVENTS_CHANNEL = "run-events";

    private final MutinyEmitter<String> turnRequests;
    private final MutinyEmitter<String> runEvents;
    private final OrchestratorConfig config;
    private final MeterRegistry registry;

    public EventPublisher(@Channel(TURN_REQUESTS_CHANNEL) MutinyEmitter<String> turnRequests,
                          @Channel(RUN_EVENTS_CHANNEL) MutinyEmitter<String> runEvents,
                          OrchestratorConfig config, MeterRegistry registry) {
        this.turnRequests = turnRequests;
        this.runEvents = runEvents;
        this.config = config;
        this.registry = registry;
    }

    /** Publishes the events in order per run and blocks until all are acknowledged. */
    public void publish(List<? extends Event> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (Event event : events) {
            Message<String> message = Message.of(EventCodec.encode(event))
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build());
            if (event instanceof TurnRequest) {
                sends.add(turnRequests.sendMessage(message));
            } else if (event instanceof RunEvent) {
                sends.add(runEvents.sendMessage(message));
            } else {
                throw new IllegalArgumentException("the orchestrator does not publish " + event.getClass());
            }
        }
        Uni.join().all(sends).andFailFast().await().atMost(config.publishTimeout());
        long requests = events.stream().filter(TurnRequest.class::isInstance).count();
        if (requests > 0) {
            registry.counter(OrchestratorMetrics.TURNS_DISPATCHED).increment(requests);
        }
    }
}
