package dev.backfire.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of a Grafana dashboard, made checkable by promtool: every panel target {@code expr} (rows' nested
 * panels included), the selector or expression inside {@code label_values(...)} and {@code query_result(...)}
 * variable queries, and annotation {@code expr}s, with Grafana variables replaced by literals that keep the
 * expression's shape, written as recording rules for {@code promtool check rules}.
 */
public final class DashboardQueries {

    /** One expression found in a dashboard, with where it was found (for error messages). */
    public record Query(String dashboard, String location, String expr) {
        /** The expression with Grafana variables replaced, as promtool will parse it. */
        public String promql() {
            return substituteVariables(expr);
        }
    }

    /** Literal standing for a variable inside a range or subquery ({@code [$__rate_interval]}) or after offset. */
    static final String DURATION_LITERAL = "5m";
    /** Literal standing for a variable elsewhere outside strings ({@code * $messages_per_run}). */
    static final String NUMBER_LITERAL = "1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{(\\w+)(?::[^}]*)?}|\\$(\\w+)|\\[\\[(\\w+)(?::[^\\]]*)?]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("(?s)^\\s*label_values\\((.*),\\s*[\\w.]+\\s*\\)\\s*$");
    private static final Pattern QUERY_RESULT = Pattern.compile("(?s)^\\s*query_result\\((.*)\\)\\s*$");
    private static final Pattern OFFSET_BEFORE = Pattern.compile("(?i)offset\\s*$");

    private DashboardQueries() {
    }

    /** Every PromQL expression of the dashboard in {@code file}. */
    public static List<Query> extract(Path file) {
        try {
            return extract(file.getFileName().toString(), JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    /** Every PromQL expression of {@code dashboard}, named {@code name} in the results. */
    public static List<Query> extract(String name, JsonNode dashboard) {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            collectPanel(name, panel, queries);
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            JsonNode query = variable.path("query");
            String text = query.isObject() ? query.path("query").asText("") : query.asText("");
            String promql = variablePromql(text);
            if (promql != null) {
                queries.add(new Query(name, "variable '" + variable.path("name").asText() + "'", promql));
            }
        }
        for (JsonNode annotation : dashboard.path("annotations").path("list")) {
            String expr = annotation.path("expr").asText("");
            if (!expr.isBlank()) {
                queries.add(new Query(name, "annotation '" + annotation.path("name").asText() + "'", expr));
            }
        }
        return queries;
    }

    private static void collectPanel(String name, JsonNode panel, List<Query> queries) {
        for (JsonNode target : panel.path("targets")) {
            String expr = target.path("expr").asText("");
            if (!expr.isBlank()) {
                queries.add(new Query(name, "panel " + panel.path("id").asText("?") + " '"
                        + panel.path("title").asText("") + "' target " + target.path("refId").asText("?"), expr));
            }
        }
        for (JsonNode nested : panel.path("panels")) {
            collectPanel(name, nested, queries);
        }
    }

    /** The PromQL inside a Prometheus variable query, or null when it has none (label_names(), metrics(...)). */
    static String variablePromql(String variableQuery) {
        Matcher labelValues = LABEL_VALUES.matcher(variableQuery);
        if (labelValues.matches()) {
            return labelValues.group(1);
        }
        Matcher queryResult = QUERY_RESULT.matcher(variableQuery);
        if (queryResult.matches()) {
            return queryResult.group(1);
        }
        return null;
    }

    /**
     * Replaces Grafana variables ({@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]}, the
     * built-ins {@code $__rate_interval}, {@code $__interval}, {@code $__range} included) by literals that fit
     * where they stand: the variable's name inside a string, {@value #DURATION_LITERAL} inside {@code [...]} or
     * after {@code offset}, {@value #NUMBER_LITERAL} anywhere else.
     */
    public static String substituteVariables(String expr) {
        StringBuilder out = new StringBuilder(expr.length());
        Matcher variable = VARIABLE.matcher(expr);
        char quote = 0;
        int bracketDepth = 0;
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (variable.region(i, expr.length()).lookingAt()) {
                String name = variable.group(1) != null ? variable.group(1)
                        : variable.group(2) != null ? variable.group(2) : variable.group(3);
                if (quote != 0) {
                    out.append(name);
                } else if (bracketDepth > 0 || OFFSET_BEFORE.matcher(out).find()) {
                    out.append(DURATION_LITERAL);
                } else {
                    out.append(NUMBER_LITERAL);
                }
                i = variable.end();
                continue;
            }
            out.append(c);
            if (quote != 0) {
                if (c == '\\' && quote != '`' && i + 1 < expr.length()) {
                    out.append(expr.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '[') {
                bracketDepth++;
            } else if (c == ']' && bracketDepth > 0) {
                bracketDepth--;
            }
            i++;
        }
        return out.toString();
    }

    /** A Prometheus rule file (JSON is YAML) with one recording rule per query, one group per dashboard. */
    public static String asRecordingRules(List<Query> queries) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        ObjectNode group = null;
        String currentDashboard = null;
        int index = 0;
        for (Query query : queries) {
            if (!query.dashboard().equals(currentDashboard)) {
                currentDashboard = query.dashboard();
                group = groups.addObject();
                group.put("name", currentDashboard);
                group.putArray("rules");
            }
            ObjectNode rule = ((ArrayNode) group.get("rules")).addObject();
            rule.put("record", recordName(query.dashboard(), index++));
            rule.put("expr", query.promql());
            ObjectNode labels = rule.putObject("labels");
            labels.put("dashboard", query.dashboard());
            labels.put("location", query.location());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recording rule name of the {@code index}-th query: names the dashboard, valid as a metric name. */
    static String recordName(String dashboard, int index) {
        String stem = dashboard.replaceFirst("\\.json$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return "dashboard_query:" + stem + ":q" + index;
    }
}
