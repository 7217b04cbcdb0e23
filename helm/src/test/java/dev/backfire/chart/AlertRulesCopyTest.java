package dev.backfire.chart;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's alert rules (files/alerts/backfire-rules.yml, wrapped into the PrometheusRule) are a byte-for-byte
 * copy of monitoring/alerts/backfire-rules.yml, where the rules are written and unit-tested with promtool. This
 * test fails when the copy is stale and prints the command that refreshes it; with
 * {@code -Dalerts.sync=true} it refreshes the copy instead.
 */
class AlertRulesCopyTest {

    /** Refreshes the chart's copy (run from the repository root). */
    static final String SYNC = "./mvnw -B -q -pl helm test -Dtest=AlertRulesCopyTest -Dalerts.sync=true";

    static Path source() {
        return Chart.home().resolve("monitoring/alerts/backfire-rules.yml");
    }

    static Path copy() {
        return Chart.chartDir().resolve("files/alerts/backfire-rules.yml");
    }

    @Test
    void theChartShipsTheTestedRules() throws IOException {
        assertTrue(Files.isRegularFile(source()), () -> "the source of the alert rules is missing: " + source());
        if (Boolean.getBoolean("alerts.sync")) {
            Files.createDirectories(copy().getParent());
            Files.copy(source(), copy(), StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(Files.isRegularFile(copy()) && Arrays.equals(Files.readAllBytes(source()), Files.readAllBytes(copy())),
                () -> "helm/backfire-lab/files/alerts/backfire-rules.yml differs from monitoring/alerts/backfire-rules.yml."
                        + "\nRefresh the chart's copy from the repository root with:\n  " + SYNC);
    }
}
