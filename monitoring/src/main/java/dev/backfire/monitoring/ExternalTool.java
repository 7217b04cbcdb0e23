package dev.backfire.monitoring;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool the checks run (promtool, node, npm), found through a system property, an environment
 * variable or the PATH. A missing tool is an error whose message says how to install it: the checks must fail,
 * not pass silently, on a machine without the tool.
 */
public record ExternalTool(String name, Path executable) {

    /** What a tool run printed (stdout and stderr interleaved) and how it exited. */
    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The command, exit code and output, for assertion messages. */
        public String describe() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n" + output;
        }
    }

    /** Thrown when a tool cannot be found; the message says how to install it. */
    public static final class MissingToolException extends IllegalStateException {
        public MissingToolException(String message) {
            super(message);
        }
    }

    /**
     * Finds {@code name}: first the system property {@code property}, then the environment variable
     * {@code envVariable}, then the PATH.
     *
     * @throws MissingToolException with {@code installHint} when none of them names an executable file
     */
    public static ExternalTool require(String name, String property, String envVariable, String installHint) {
        for (String configured : new String[] {System.getProperty(property), System.getenv(envVariable)}) {
            if (configured != null && !configured.isBlank()) {
                Path path = Path.of(configured);
                if (Files.isExecutable(path)) {
                    return new ExternalTool(name, path);
                }
                throw new MissingToolException(name + " configured as '" + configured + "' (-D" + property + " or "
                        + envVariable + ") is not an executable file. " + installHint);
            }
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return new ExternalTool(name, candidate);
                }
            }
        }
        throw new MissingToolException(name + " was not found on the PATH (" + pathVariable + "), nor set with -D"
                + property + " or the " + envVariable + " environment variable. " + installHint);
    }

    /** Runs the tool in {@code workDir}; a run that outlives {@code timeout} is killed and reported as an error. */
    public Result run(Path workDir, Duration timeout, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        Path log = null;
        try {
            log = Files.createTempFile("backfire-" + name + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; output so far:\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A leftover temp file is harmless.
                }
            }
        }
    }
}
