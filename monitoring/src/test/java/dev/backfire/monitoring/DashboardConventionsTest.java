package dev.backfire.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backfire Lab's own dashboards are portable and documented; no two dashboards share a uid. */
class DashboardConventionsTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"backfire-progress", "backfire-models", "backfire-agents", "backfire-science"})
    void ownDashboardFollowsTheConventions(String uid) throws IOException {
        JsonNode dashboard = JSON.readTree(REPO.dashboardsDir().resolve(uid + ".json").toFile());
        assertEquals(List.of(), DashboardConventions.problems(dashboard, uid));
    }

    @Test
    void uidsAreUniqueAcrossAllDashboards() throws IOException {
        Map<String, Path> seen = new HashMap<>();
        for (Path file : REPO.dashboards()) {
            String uid = JSON.readTree(file.toFile()).path("uid").asText();
            Path other = seen.put(uid, file);
            assertTrue(other == null, "uid '" + uid + "' used by " + other + " and " + file);
        }
    }

    @Test
    void aPanelWithoutDescriptionOrWithAHardCodedDatasourceIsRejected() throws IOException {
        JsonNode dashboard = JSON.readTree(REPO.dashboardsDir().resolve("backfire-models.json").toFile());
        ObjectNode panel = null;
        for (JsonNode candidate : dashboard.path("panels")) {
            if (!"row".equals(candidate.path("type").asText())) {
                panel = (ObjectNode) candidate;
                break;
            }
        }
        panel.remove("description");
        ((ObjectNode) panel.path("datasource")).put("uid", "P1809F7CD0C75ACF3");
        ((ObjectNode) dashboard).put("uid", "models");

        List<String> problems = DashboardConventions.problems(dashboard, "backfire-models");

        assertTrue(problems.stream().anyMatch(p -> p.startsWith("uid is 'models'")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("no description")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("hard-coded data source uid 'P1809F7CD0C75ACF3'")),
                problems::toString);
    }
}
