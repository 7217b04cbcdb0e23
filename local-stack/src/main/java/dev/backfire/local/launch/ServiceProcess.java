package dev.backfire.local.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the suite running as its own JVM process, with its output in a log file. A process
 * started again under the same name (after a kill) appends to the same log, so a log tells a service's
 * whole story.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(15);
    /** Environment variable whose whitespace-separated JVM options replace {@link #DEFAULT_JVM_OPTIONS}. */
    public static final String JVM_OPTIONS_ENV = "BACKFIRE_SERVICE_JVM_OPTS";
    /**
     * The local stack runs four service JVMs and the broker's on a laptop's few cores for minutes: the
     * optimising compiler's own work costs more CPU than its faster code gives back in that time (Study 1 on
     * 2 cores: 96 s with it; 59 to 70 s without it here and in the CLI's JVM, benchmarks/2026-12-06-vm*.md).
     */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java -jar <jar>} with the given system properties; the service listens on
     * 127.0.0.1:{@code port}; its output goes to {@code <logDir>/<name>.log} (appended).
     */
    public static ServiceProcess start(String name, Path jar, int port, String maxHeap, Map<String, String> properties,
                                       Path logDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions(System.getenv(JVM_OPTIONS_ENV)));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, "--- " + name + " starting on port " + port + " ---" + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ServiceProcess(name, port, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The options of {@link #JVM_OPTIONS_ENV} when set and not blank, else the defaults. */
    public static List<String> jvmOptions(String fromEnvironment) {
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        return List.of(fromEnvironment.trim().split("\\s+"));
    }

    /** Waits until {@code /q/health/ready} answers 200, or fails with the tail of the log. */
    public void awaitReady(HttpClient http, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + "; last lines of " + log + ":\n" + tail());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(READY_POLL);
        }
        throw new IllegalStateException(name + " was not ready within " + deadline.toSeconds() + " s; last lines of "
                + log + ":\n" + tail());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the service's log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The file the process writes its output to. */
    public Path log() {
        return log;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the service to stop (SIGTERM), then kills it if it does not stop in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(GRACEFUL_STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
