package dev.backfire.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conventions Backfire Lab's own dashboards follow so that they stay portable and readable
 * (style anchor 19): a stable {@code uid} equal to the file name, the {@code backfire-lab} tag, the data source
 * as a {@code datasource} template variable and never a hard-coded uid, a {@code study} variable, rows, and a
 * title and description on every panel.
 */
public final class DashboardConventions {

    /** The tag every Backfire Lab dashboard carries (dashboard links list dashboards by it). */
    public static final String TAG = "backfire-lab";
    /** The query of the study variable. */
    public static final String STUDY_QUERY = "label_values(backfire_orchestrator_runs, study)";
    /** Oldest dashboard JSON schema accepted (Grafana 9.x and later write 36 or newer). */
    public static final int MIN_SCHEMA_VERSION = 36;

    private DashboardConventions() {
    }

    /** What breaks the conventions in {@code dashboard}, expected to carry uid {@code uid}; empty when none. */
    public static List<String> problems(JsonNode dashboard, String uid) {
        List<String> problems = new ArrayList<>();
        if (!uid.equals(dashboard.path("uid").asText())) {
            problems.add("uid is '" + dashboard.path("uid").asText() + "', expected '" + uid + "' (the file name)");
        }
        if (dashboard.path("title").asText("").isBlank()) {
            problems.add("no title");
        }
        boolean tagged = false;
        for (JsonNode tag : dashboard.path("tags")) {
            tagged |= TAG.equals(tag.asText());
        }
        if (!tagged) {
            problems.add("tags lack '" + TAG + "'");
        }
        if (dashboard.path("schemaVersion").asInt(0) < MIN_SCHEMA_VERSION) {
            problems.add("schemaVersion below " + MIN_SCHEMA_VERSION);
        }
        JsonNode datasource = variable(dashboard, "datasource");
        if (datasource == null || !"datasource".equals(datasource.path("type").asText())
                || !"prometheus".equals(datasource.path("query").asText())) {
            problems.add("no template variable 'datasource' of type datasource with query prometheus");
        }
        JsonNode study = variable(dashboard, "study");
        if (study == null || !(study.path("definition").asText().equals(STUDY_QUERY)
                || study.path("query").path("query").asText().equals(STUDY_QUERY)
                || study.path("query").asText().equals(STUDY_QUERY))) {
            problems.add("no template variable 'study' with query " + STUDY_QUERY);
        }
        boolean hasRow = false;
        for (JsonNode panel : dashboard.path("panels")) {
            hasRow |= "row".equals(panel.path("type").asText());
            checkPanel(panel, problems);
        }
        if (!hasRow) {
            problems.add("no rows: group the panels in rows, one per concern");
        }
        checkDatasources(dashboard, "$", problems);
        return problems;
    }

    private static void checkPanel(JsonNode panel, List<String> problems) {
        String where = "panel " + panel.path("id").asText("?") + " '" + panel.path("title").asText("") + "': ";
        if (panel.path("title").asText("").isBlank()) {
            problems.add(where + "no title");
        }
        if (!"row".equals(panel.path("type").asText()) && panel.path("description").asText("").isBlank()) {
            problems.add(where + "no description");
        }
        for (JsonNode nested : panel.path("panels")) {
            checkPanel(nested, problems);
        }
    }

    /** Every {@code datasource} reference must be the variable or Grafana's built-in annotation source. */
    private static void checkDatasources(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String childPath = path + "." + field.getKey();
                if ("datasource".equals(field.getKey())) {
                    checkDatasourceRef(field.getValue(), childPath, problems);
                }
                checkDatasources(field.getValue(), childPath, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkDatasources(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static void checkDatasourceRef(JsonNode ref, String path, List<String> problems) {
        if (ref.isTextual()) {
            problems.add(path + ": data source given by name '" + ref.asText() + "'; use {\"type\": \"prometheus\", "
                    + "\"uid\": \"${datasource}\"}");
        } else if (ref.isObject() && ref.has("uid")) {
            String uid = ref.path("uid").asText();
            if (!uid.startsWith("$") && !"-- Grafana --".equals(uid) && !"grafana".equals(ref.path("type").asText())) {
                problems.add(path + ": hard-coded data source uid '" + uid + "'; use \"${datasource}\"");
            }
        }
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        return null;
    }
}
