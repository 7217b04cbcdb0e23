package dev.backfire.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every PromQL expression of every dashboard in helm/backfire-lab/files/dashboards parses (promtool). */
class DashboardQueriesTest {

    private static final RepoLayout REPO = RepoLayout.fromSystemProperty();
    private static final List<String> OWN_DASHBOARDS = List.of(
            "backfire-progress.json", "backfire-models.json", "backfire-agents.json", "backfire-science.json");

    private static Promtool promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Promtool.require();
    }

    @Test
    void everyDashboardQueryParses(@TempDir Path dir) throws Exception {
        List<Path> dashboards = REPO.dashboards();
        List<String> names = dashboards.stream().map(d -> d.getFileName().toString()).toList();
        assertTrue(names.containsAll(OWN_DASHBOARDS), "dashboards found: " + names);

        List<DashboardQueries.Query> queries = new ArrayList<>();
        for (Path dashboard : dashboards) {
            queries.addAll(DashboardQueries.extract(dashboard));
        }
        for (String own : OWN_DASHBOARDS) {
            assertTrue(queries.stream().anyMatch(q -> q.dashboard().equals(own)), "no query found in " + own);
        }

        ExternalTool.Result result = check(dir, queries);
        assertTrue(result.ok(), () -> result.describe() + "\nQueries checked:\n" + listing(queries));
        assertTrue(result.output().contains("SUCCESS: " + queries.size() + " rules found"), result::describe);
    }

    @Test
    void aBrokenExpressionIsReportedWithItsDashboard(@TempDir Path dir) throws Exception {
        Path dashboard = dir.resolve("broken.json");
        Files.writeString(dashboard, """
                {"uid": "broken", "title": "broken", "schemaVersion": 39, "annotations": {"list": []},
                 "templating": {"list": []},
                 "panels": [{"type": "timeseries", "id": 7, "title": "Calls",
                             "targets": [{"refId": "A",
                                          "expr": "sum by (model (rate(backfire_agent_calls_total[$__rate_interval]))"}]}]}
                """);
        List<DashboardQueries.Query> queries = DashboardQueries.extract(dashboard);
        assertEquals(1, queries.size());

        ExternalTool.Result result = check(dir, queries);
        assertFalse(result.ok(), result::describe);
        assertTrue(result.output().contains("parse error"), result::describe);
        assertTrue(result.output().contains(DashboardQueries.recordName("broken.json", 0)), result::describe);
    }

    @Test
    void extractsTargetsOfNestedPanelsVariablesAndAnnotations() throws Exception {
        var dashboard = new ObjectMapper().readTree("""
                {"panels": [
                   {"type": "row", "id": 1, "title": "collapsed", "collapsed": true, "panels": [
                     {"type": "stat", "id": 2, "title": "inner", "targets": [{"refId": "A", "expr": "up"}]}]},
                   {"type": "text", "id": 3, "title": "no queries"}],
                 "templating": {"list": [
                   {"type": "query", "name": "study", "query": {"query": "label_values(backfire_orchestrator_runs, study)"}},
                   {"type": "query", "name": "lang", "query": "label_values(x{study=\\"$study\\"}, language)"},
                   {"type": "query", "name": "names", "query": "label_names()"},
                   {"type": "custom", "name": "measure", "query": "cpi,di"}]},
                 "annotations": {"list": [{"name": "restarts", "expr": "changes(process_start_time_seconds[5m]) > 0"}]}}
                """);
        List<DashboardQueries.Query> queries = DashboardQueries.extract("d.json", dashboard);
        assertEquals(List.of("up", "backfire_orchestrator_runs", "x{study=\"$study\"}",
                        "changes(process_start_time_seconds[5m]) > 0"),
                queries.stream().map(DashboardQueries.Query::expr).toList());
        assertEquals("panel 2 'inner' target A", queries.get(0).location());
    }

    @Test
    void variablesBecomeLiteralsThatFitWhereTheyStand() {
        assertEquals("sum by (study) (rate(m{study=~\"study\"}[5m]))",
                DashboardQueries.substituteVariables("sum by (study) (rate(m{study=~\"$study\"}[$__rate_interval]))"));
        assertEquals("increase(m{model=~\"model\"}[5m]) * 1",
                DashboardQueries.substituteVariables("increase(m{model=~\"${model:regex}\"}[${__range}]) * $messages_per_run"));
        assertEquals("max_over_time(m[5m:5m]) offset 5m",
                DashboardQueries.substituteVariables("max_over_time(m[$__range:$__interval]) offset $shift"));
        assertEquals("m{a=\"say \\\"lang\\\" 1\"} / 1",
                DashboardQueries.substituteVariables("m{a=\"say \\\"[[lang]]\\\" 1\"} / [[lang]]"));
    }

    private static ExternalTool.Result check(Path dir, List<DashboardQueries.Query> queries) throws Exception {
        Path rules = dir.resolve("dashboard-queries.rules.json");
        Files.writeString(rules, DashboardQueries.asRecordingRules(queries));
        return promtool.checkRules(List.of(rules));
    }

    private static String listing(List<DashboardQueries.Query> queries) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            DashboardQueries.Query q = queries.get(i);
            lines.add(DashboardQueries.recordName(q.dashboard(), i) + "  " + q.location() + "\n    " + q.promql());
        }
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
