package dev.backfire.monitoring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Prometheus' promtool: rule-file syntax and PromQL checks, and alert unit tests. */
public final class Promtool {

    /** How to get promtool; part of the error when it is missing. */
    public static final String INSTALL_HINT = "Install it with `apt-get update && apt-get install -y prometheus` "
            + "(Debian/Ubuntu; provides /usr/bin/promtool), or unpack a Prometheus release from "
            + "https://prometheus.io/download/ and put promtool on the PATH, or point -Dpromtool=/path/to/promtool "
            + "or PROMTOOL=/path/to/promtool at it.";

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final ExternalTool tool;

    private Promtool(ExternalTool tool) {
        this.tool = tool;
    }

    /** Finds promtool or fails with {@link #INSTALL_HINT}. */
    public static Promtool require() {
        return new Promtool(ExternalTool.require("promtool", "promtool", "PROMTOOL", INSTALL_HINT));
    }

    /** {@code promtool check rules <files>}: YAML structure, PromQL parsing, templates. */
    public ExternalTool.Result checkRules(List<Path> ruleFiles) {
        List<String> arguments = new ArrayList<>(List.of("check", "rules"));
        ruleFiles.forEach(f -> arguments.add(f.toString()));
        return tool.run(ruleFiles.get(0).toAbsolutePath().getParent(), TIMEOUT, arguments);
    }

    /** {@code promtool test rules <file>}, run in the test file's folder (rule_files paths are relative to it). */
    public ExternalTool.Result testRules(Path testFile) {
        Path absolute = testFile.toAbsolutePath();
        return tool.run(absolute.getParent(), TIMEOUT, List.of("test", "rules", absolute.getFileName().toString()));
    }
}
