package dev.backfire.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Grafana dashboard in helm/backfire-lab/files/dashboards (shipped as ConfigMaps by the chart and mounted
 * into Grafana by docker/compose.yaml) is portable JSON: it parses, has a stable uid, a title and tags, and takes
 * its Prometheus datasource from a template variable instead of a hard-coded uid.
 */
class DashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Datasource uids a dashboard may reference: the variable, or Grafana's built-in annotation source. */
    private static final Set<String> PORTABLE_UIDS = Set.of("${datasource}", "$datasource", "-- Grafana --");

    static Path dashboardsDir() {
        return Chart.chartDir().resolve("files/dashboards");
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(dashboardsDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void thereIsAtLeastTheOverview() {
        assertTrue(Files.exists(dashboardsDir().resolve("backfire-overview.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboardFiles")
    void isAPortableDashboard(Path file) throws IOException {
        JsonNode dashboard = JSON.readTree(file.toFile());
        String name = file.getFileName().toString();

        String uid = dashboard.path("uid").asText();
        assertTrue(uid.matches("[A-Za-z0-9_-]{1,40}"), () -> name + ": uid must be 1-40 of [A-Za-z0-9_-], was " + uid);
        assertFalse(dashboard.path("title").asText().isBlank(), name + ": title");
        assertTrue(dashboard.path("tags").isArray() && !dashboard.path("tags").isEmpty(), name + ": tags");
        assertTrue(dashboard.path("schemaVersion").isInt(), name + ": schemaVersion");

        boolean datasourceVariable = false;
        for (JsonNode variable : dashboard.at("/templating/list")) {
            if (variable.path("type").asText().equals("datasource")
                    && variable.path("name").asText().equals("datasource")) {
                assertEquals("prometheus", variable.path("query").asText(), name + ": datasource variable type");
                datasourceVariable = true;
            }
        }
        assertTrue(datasourceVariable, name + ": no template variable `datasource` of type datasource");

        List<String> hardCoded = new ArrayList<>();
        collectDatasourceUids(dashboard, "", hardCoded);
        assertTrue(hardCoded.isEmpty(), () -> name + ": hard-coded datasource uids at " + hardCoded);

        List<JsonNode> panels = new ArrayList<>();
        collectPanels(dashboard.path("panels"), panels);
        assertFalse(panels.isEmpty(), name + ": no panels");
        Map<Integer, String> ids = new HashMap<>();
        for (JsonNode panel : panels) {
            int id = panel.path("id").asInt(-1);
            String previous = ids.put(id, panel.path("title").asText());
            assertTrue(previous == null, () -> name + ": panel id " + id + " used twice");
            for (JsonNode target : panel.path("targets")) {
                if (target.has("expr")) {
                    assertFalse(target.path("expr").asText().isBlank(), name + ": empty expr in " + panel.path("title"));
                }
            }
        }
    }

    private static void collectPanels(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels) {
            into.add(panel);
            collectPanels(panel.path("panels"), into);
        }
    }

    private static void collectDatasourceUids(JsonNode node, String path, List<String> hardCoded) {
        if (node.isObject()) {
            JsonNode datasource = node.path("datasource");
            if (datasource.isObject() && datasource.has("uid")
                    && !PORTABLE_UIDS.contains(datasource.path("uid").asText())) {
                hardCoded.add(path + "/datasource=" + datasource.path("uid").asText());
            } else if (datasource.isTextual() && !PORTABLE_UIDS.contains(datasource.asText())) {
                hardCoded.add(path + "/datasource=" + datasource.asText());
            }
            node.properties().forEach(e -> collectDatasourceUids(e.getValue(), path + "/" + e.getKey(), hardCoded));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectDatasourceUids(node.get(i), path + "/" + i, hardCoded);
            }
        }
    }
}
