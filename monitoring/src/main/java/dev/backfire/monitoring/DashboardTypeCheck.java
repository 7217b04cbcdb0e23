package dev.backfire.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Type-checks dashboard JSON against the Grafana Foundation SDK types with the Node project in
 * {@code monitoring/dashboard-check}: {@code npm ci} once (cached in its {@code node_modules}, redone when
 * {@code package-lock.json} changes), then {@code node check.mjs <files>}.
 */
public final class DashboardTypeCheck {

    /** How to get Node and npm; part of the error when one is missing. */
    public static final String INSTALL_HINT = "Install Node.js 18 or newer with npm, e.g. "
            + "`apt-get install -y nodejs npm` (Debian/Ubuntu) or from https://nodejs.org/, and put node and npm on "
            + "the PATH (or point -Dnode= / -Dnpm= or NODE= / NPM= at them).";

    /** Written into node_modules after a successful {@code npm ci}: the hash of the lock file it installed. */
    static final String INSTALL_MARKER = ".backfire-installed-lock.sha256";

    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(3);

    private final Path checkDir;
    private final ExternalTool node;
    private final ExternalTool npm;

    private DashboardTypeCheck(Path checkDir, ExternalTool node, ExternalTool npm) {
        this.checkDir = checkDir;
        this.node = node;
        this.npm = npm;
    }

    /** Finds node and npm (or fails with {@link #INSTALL_HINT}) for the checker in {@code checkDir}. */
    public static DashboardTypeCheck require(Path checkDir) {
        return new DashboardTypeCheck(checkDir,
                ExternalTool.require("node", "node", "NODE", INSTALL_HINT),
                ExternalTool.require("npm", "npm", "NPM", INSTALL_HINT));
    }

    /** Runs {@code npm ci} unless node_modules already holds exactly what package-lock.json pins. */
    public synchronized void ensureInstalled() {
        Path marker = checkDir.resolve("node_modules").resolve(INSTALL_MARKER);
        String lockHash = sha256(checkDir.resolve("package-lock.json"));
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(lockHash)) {
                return;
            }
            ExternalTool.Result install = npm.run(checkDir, NPM_TIMEOUT, List.of("ci", "--no-audit", "--no-fund"));
            if (!install.ok()) {
                throw new IllegalStateException("npm ci failed in " + checkDir + " (the npm registry must be "
                        + "reachable for the first run):\n" + install.describe());
            }
            Files.writeString(marker, lockHash + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the dashboard checker in " + checkDir, e);
        }
    }

    /** {@code node check.mjs <dashboards>}: exit code 0 when every file satisfies the schema types. */
    public ExternalTool.Result check(List<Path> dashboards) {
        ensureInstalled();
        List<String> arguments = new ArrayList<>();
        arguments.add("check.mjs");
        dashboards.forEach(d -> arguments.add(d.toAbsolutePath().toString()));
        return node.run(checkDir, CHECK_TIMEOUT, arguments);
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
