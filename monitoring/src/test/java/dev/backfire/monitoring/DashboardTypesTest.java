package dev.backfire.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dashboard satisfies the Grafana Foundation SDK schema types (monitoring/dashboard-check). */
class DashboardTypesTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static DashboardTypeCheck checker;

    @BeforeAll
    static void installChecker() {
        checker = DashboardTypeCheck.require(REPO.dashboardCheckDir());
        checker.ensureInstalled();
    }

    @Test
    void everyDashboardMatchesTheGrafanaSchema() {
        List<Path> dashboards = REPO.dashboards();
        assertFalse(dashboards.isEmpty(), "no dashboard in " + REPO.dashboardsDir());
        ExternalTool.Result result = checker.check(dashboards);
        assertTrue(result.ok(), result::describe);
        for (Path dashboard : dashboards) {
            assertTrue(result.output().contains(dashboard.toAbsolutePath() + ": OK"), result::describe);
        }
    }

    @Test
    void aMisspeltPanelKeyAndAWrongTypeAreRejected(@TempDir Path dir) throws Exception {
        JsonNode misspelt = JSON.readTree(REPO.dashboardsDir().resolve("backfire-progress.json").toFile());
        ObjectNode panel = firstNonRowPanel(misspelt);
        panel.set("titel", panel.remove("title"));
        Path misspeltFile = dir.resolve("misspelt.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(misspeltFile.toFile(), misspelt);

        JsonNode wrongType = JSON.readTree(REPO.dashboardsDir().resolve("backfire-science.json").toFile());
        ((ObjectNode) firstNonRowPanel(wrongType).path("gridPos")).put("w", "12");
        Path wrongTypeFile = dir.resolve("wrong-type.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(wrongTypeFile.toFile(), wrongType);

        Path notJson = dir.resolve("not-json.json");
        Files.writeString(notJson, "{\"uid\": \"x\",");

        ExternalTool.Result result = checker.check(List.of(misspeltFile, wrongTypeFile, notJson));
        assertFalse(result.ok(), result::describe);
        String output = result.output();
        assertTrue(output.contains(misspeltFile + ":") && output.contains("'\"titel\"' does not exist"), output);
        assertTrue(output.contains(wrongTypeFile + ":")
                && output.contains("Type 'string' is not assignable to type 'number'"), output);
        assertTrue(output.contains(notJson + ": not valid JSON"), output);
        assertFalse(output.contains(": OK"), output);
    }

    private static ObjectNode firstNonRowPanel(JsonNode dashboard) {
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                return (ObjectNode) panel;
            }
        }
        throw new AssertionError("dashboard without panels");
    }
}
