package dev.backfire.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the monitoring files live in the repository. */
public record RepoLayout(Path home) {

    /** System property naming the repository root; the module's pom sets it to {@code ${project.basedir}/..}. */
    public static final String HOME_PROPERTY = "backfire.home";

    /** The layout of the repository named by {@value #HOME_PROPERTY}, or the parent of the working directory. */
    public static RepoLayout fromSystemProperty() {
        String home = System.getProperty(HOME_PROPERTY, "..");
        return new RepoLayout(Path.of(home).toAbsolutePath().normalize());
    }

    /** The Helm chart's dashboard folder: every {@code *.json} in it is a Grafana dashboard. */
    public Path dashboardsDir() {
        return home.resolve("helm/backfire-lab/files/dashboards");
    }

    public Path alertsDir() {
        return home.resolve("monitoring/alerts");
    }

    public Path rulesFile() {
        return alertsDir().resolve("backfire-rules.yml");
    }

    public Path rulesTestFile() {
        return alertsDir().resolve("backfire-rules.test.yml");
    }

    /** The Node project that type-checks dashboards. */
    public Path dashboardCheckDir() {
        return home.resolve("monitoring/dashboard-check");
    }

    /** Every dashboard JSON file, sorted by name. */
    public List<Path> dashboards() {
        return jsonFiles(dashboardsDir());
    }

    /** The {@code *.json} files directly in {@code dir}, sorted by name. */
    public static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
