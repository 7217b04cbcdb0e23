package dev.backfire.local.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one) in this JVM, on loopback, with
 * its log in a temporary folder that {@link #close()} deletes. Not a mock: the same broker code as a
 * production cluster. It can be stopped and started again on the same port and log folder, as a broker
 * restart would ({@link #stop()}, {@link #restart()}): clients reconnect by themselves.
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Retention cap per partition, so a long benchmark cannot fill the disk. */
    private static final long RETENTION_BYTES = 512L * 1024 * 1024;
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private final Path logDir;
    private final Properties config;
    private final String bootstrapServers;
    /** The running broker; null while stopped. */
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, Properties config, String bootstrapServers) {
        this.logDir = logDir;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats storage and starts a broker on a free loopback port. */
    public static EmbeddedKafka start() {
        try {
            Path dir = Files.createTempDirectory("backfire-kafka-");
            int port = FreePorts.next();
            int controllerPort = FreePorts.next();
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("log.dirs", dir.resolve("log").toString());
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "4");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("auto.create.topics.enable", "true");
            p.put("num.partitions", "4");
            p.put("log.retention.bytes", Long.toString(RETENTION_BYTES));
            p.put("log.segment.bytes", Long.toString(SEGMENT_BYTES));
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config)) {
                p.store(w, "embedded broker");
            }
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                    quiet);
            EmbeddedKafka kafka = new EmbeddedKafka(dir, p, "127.0.0.1:" + port);
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker", e);
        }
    }

    private synchronized void startServer() {
        if (server != null) {
            throw new IllegalStateException("the broker is already running");
        }
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config), Time.SYSTEM);
        started.startup();
        server = started;
        awaitReady();
    }

    /**
     * Stops the broker as a crash or a rolling restart would take it away, keeping its log folder, so
     * that {@link #restart()} brings back the same topics, offsets and consumer groups on the same port.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same port and log folder, and waits until it answers. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    private void awaitReady() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded broker did not become ready", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Creates topics (ignoring those that exist) with the given partition count. */
    public void createTopics(int partitions, String... topics) {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : topics) {
            wanted.add(new NewTopic(topic, partitions, (short) 1));
        }
        try (Admin admin = admin()) {
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker and deletes its log folder. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            TempDirs.deleteQuietly(logDir);
        }
    }
}
