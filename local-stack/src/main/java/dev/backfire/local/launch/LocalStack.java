package dev.backfire.local.launch;

import dev.backfire.contracts.Topics;
import dev.backfire.local.infra.EmbeddedKafka;
import dev.backfire.local.infra.EmbeddedPostgres;
import dev.backfire.local.infra.FreePorts;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole suite on this machine: a real KRaft broker and a real PostgreSQL on loopback, and the four
 * services as separate JVM processes wired to them. Closing it stops everything and deletes the
 * temporary folders.
 */
public final class LocalStack implements AutoCloseable {
    public static final String ORCHESTRATOR = "orchestrator-service";
    public static final String AGENT = "agent-service";
    public static final String SCORING = "scoring-service";
    public static final String STATS = "stats-service";
    public static final List<String> SERVICES = List.of(ORCHESTRATOR, AGENT, SCORING, STATS);
    private static final String ORCHESTRATOR_DB = "backfire_orchestrator";
    private static final String STATS_DB = "backfire_stats";

    /** How the stack is started. */
    public record Options(Path home, Path logDir, int partitions, String maxHeap, Duration readyDeadline,
                          Map<String, String> extraProperties) {
        /** Defaults for the one-command run. */
        public static Options defaults(Path home, Path logDir) {
            return new Options(home, logDir, DEFAULT_PARTITIONS, DEFAULT_HEAP, DEFAULT_READY, Map.of());
        }

        /** These options with service configuration properties (system properties of every service). */
        public Options withExtraProperties(Map<String, String> properties) {
            return new Options(home, logDir, partitions, maxHeap, readyDeadline, Map.copyOf(properties));
        }
    }

    /** Partitions per topic: enough for several agent replicas to share the work. */
    public static final int DEFAULT_PARTITIONS = 8;
    public static final String DEFAULT_HEAP = "384m";
    public static final Duration DEFAULT_READY = Duration.ofSeconds(120);

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgres postgres;
    private EmbeddedKafka kafka;
    // Synchronized: a fault test restarts several services from several threads at once.
    private final Map<String, ServiceProcess> services = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Each service's port, picked before any starts, so that each can be told where the others are. */
    private final Map<String, Integer> ports = Collections.synchronizedMap(new HashMap<>());
    private final List<ServiceProcess> extraAgents = Collections.synchronizedList(new ArrayList<>());

    private LocalStack(Options options) {
        this.options = options;
    }

    /** Starts infrastructure and the four services, reporting each step. */
    public static LocalStack start(Options options, Consumer<String> progress) {
        LocalStack stack = new LocalStack(options);
        try {
            progress.accept("starting PostgreSQL (embedded, loopback)");
            stack.postgres = EmbeddedPostgres.start(ORCHESTRATOR_DB, STATS_DB);
            progress.accept("starting Kafka (KRaft, embedded, loopback)");
            stack.kafka = EmbeddedKafka.start();
            stack.kafka.createTopics(options.partitions(), Topics.TURN_REQUESTS, Topics.AGENT_MESSAGES,
                    Topics.MESSAGE_SCORES, Topics.RUN_EVENTS, Topics.TURN_FAILURES, Topics.DEAD_LETTERS);
            for (String service : SERVICES) {
                progress.accept("starting " + service);
                stack.services.put(service, stack.launch(service, stack.port(service)));
            }
            for (ServiceProcess process : stack.services.values()) {
                process.awaitReady(stack.http, options.readyDeadline());
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private ServiceProcess launch(String service, int port) {
        return launch(service, service, port);
    }

    /** Starts a process of {@code service} named {@code name} (its log file's name) on {@code port}. */
    private ServiceProcess launch(String service, String name, int port) {
        Map<String, String> props = new HashMap<>(options.extraProperties());
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        // The local profile: no API keys on the REST APIs (backfire.<service>.security.enabled=false), since
        // the console calls them from the browser without keys and nothing listens beyond the loopback.
        props.putIfAbsent("quarkus.profile", "local");
        // The web console is served by the stats service and reads the orchestrator and scoring APIs from
        // the browser: tell it where they are, and let them answer its origin (CORS, GET only).
        if (STATS.equals(service)) {
            props.putIfAbsent("backfire.stats.console.orchestrator-url", loopbackUrl(ORCHESTRATOR));
            props.putIfAbsent("backfire.stats.console.scoring-url", loopbackUrl(SCORING));
        } else if (ORCHESTRATOR.equals(service) || SCORING.equals(service)) {
            props.putIfAbsent("quarkus.http.cors.origins",
                    loopbackUrl(STATS) + ",http://localhost:" + port(STATS));
        }
        if (SCORING.equals(service)) {
            // Re-scoring a stored study reads its transcripts from the orchestrator.
            props.putIfAbsent("backfire.scoring.orchestrator.url", loopbackUrl(ORCHESTRATOR));
        }
        String db = ORCHESTRATOR.equals(service) ? ORCHESTRATOR_DB : STATS.equals(service) ? STATS_DB : null;
        if (db != null) {
            props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl(db));
            props.put("quarkus.datasource.username", EmbeddedPostgres.USER);
            props.put("quarkus.datasource.password", EmbeddedPostgres.PASSWORD);
        }
        return ServiceProcess.start(name, jar(service), port, options.maxHeap(), props, options.logDir());
    }

    /** The port a service starts on, picked on first use, distinct from the others'. */
    private int port(String service) {
        return ports.computeIfAbsent(service, s -> {
            int port;
            do {
                port = FreePorts.next();
            } while (ports.containsValue(port));
            return port;
        });
    }

    private String loopbackUrl(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** The packaged service. */
    public Path jar(String service) {
        return options.home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Base URL of a running service. */
    public String url(String service) {
        return services.get(service).baseUrl();
    }

    public ServiceProcess process(String service) {
        return services.get(service);
    }

    /**
     * Kills a service at once (SIGKILL), as a crashed pod: no shutdown hook runs, nothing is flushed, no
     * consumer leaves its group. {@link #start(String)} brings it back.
     */
    public void kill(String service) {
        services.get(service).kill();
    }

    /**
     * Starts a killed service again with the same port and configuration, as a replaced pod would come
     * back behind the same address, and waits until it is ready.
     */
    public ServiceProcess start(String service) {
        ServiceProcess old = services.get(service);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException(service + " is still running (pid " + old.pid() + ")");
        }
        ServiceProcess fresh = launch(service, port(service));
        services.put(service, fresh);
        fresh.awaitReady(http, options.readyDeadline());
        return fresh;
    }

    /** Kills a service (SIGKILL) and starts it again on the same port, as a crashed pod would be replaced. */
    public ServiceProcess restart(String service) {
        kill(service);
        return start(service);
    }

    /**
     * Starts one more agent replica (its log: {@code agent-service-<n>.log}); it joins the consumer group
     * and takes partitions. Kill it with {@link ServiceProcess#kill()}.
     */
    public ServiceProcess addAgentReplica() {
        ServiceProcess agent;
        synchronized (extraAgents) {
            agent = launch(AGENT, AGENT + "-" + (extraAgents.size() + 2), FreePorts.next());
            extraAgents.add(agent);
        }
        agent.awaitReady(http, options.readyDeadline());
        return agent;
    }

    /** Every agent process started so far, the first one included, dead or alive. */
    public List<ServiceProcess> agentProcesses() {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(services.get(AGENT));
        synchronized (extraAgents) {
            all.addAll(extraAgents);
        }
        return all;
    }

    /**
     * Stops the Kafka broker (a broker outage); the services keep running and retry.
     * {@link #restartKafka()} brings it back.
     */
    public void stopKafka() {
        kafka.stop();
    }

    /** Starts the broker again (stopping it first if it runs) on the same port and log folder. */
    public void restartKafka() {
        kafka.restart();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    /** A client of the running orchestrator and stats service. */
    public SuiteClient client() {
        return new SuiteClient(http, url(ORCHESTRATOR), url(STATS));
    }

    public HttpClient http() {
        return http;
    }

    /** Stops services (newest first), then Kafka, then PostgreSQL; deletes their folders. */
    @Override
    public void close() {
        List<ServiceProcess> all;
        List<ServiceProcess> main;
        synchronized (extraAgents) {
            all = new ArrayList<>(extraAgents);
        }
        synchronized (services) {
            main = new ArrayList<>(services.values());
        }
        java.util.Collections.reverse(main);
        all.addAll(main);
        all.parallelStream().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
