package dev.backfire.chart;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker/compose.yaml cannot be run here (no Docker daemon), so it is checked statically: it is valid YAML
 * (with compose's merge keys), every service has an image or a build, every local path it mounts or builds
 * from exists, and the services, databases, scrape targets and dashboards line up.
 */
class ComposeTest {

    static final Set<String> SERVICES = Set.of("orchestrator", "agent", "scoring", "stats");

    static Path dockerDir() {
        return Chart.home().resolve("docker");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path file) throws IOException {
        // SnakeYAML resolves YAML merge keys (<<), which compose uses for the shared environment.
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return (Map<String, Object>) yaml.load(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAnImageOrABuildAndEveryLocalPathExists() throws IOException {
        Map<String, Object> compose = load(dockerDir().resolve("compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        assertTrue(services.keySet().containsAll(SERVICES), "the four services");
        assertTrue(services.keySet().containsAll(Set.of("kafka", "postgres", "prometheus", "grafana")), "infrastructure");
        Set<String> namedVolumes = map(compose.get("volumes")).keySet();

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = map(entry.getValue());
            Object image = service.get("image");
            Map<String, Object> build = map(service.get("build"));
            if (image == null && build.isEmpty()) {
                problems.add(name + ": neither image nor build");
            }
            if (image != null && build.isEmpty()) {
                String ref = image.toString();
                if (!ref.matches(".+:[^/:]+") || ref.endsWith(":latest")) {
                    problems.add(name + ": image not pinned to a tag: " + ref);
                }
            }
            if (!build.isEmpty()) {
                Path context = dockerDir().resolve(build.getOrDefault("context", ".").toString()).normalize();
                Path dockerfile = context.resolve(build.getOrDefault("dockerfile", "Dockerfile").toString());
                if (!Files.isRegularFile(dockerfile)) {
                    problems.add(name + ": no Dockerfile " + dockerfile);
                }
                Object module = map(build.get("args")).get("SERVICE");
                if (module == null || !Files.isRegularFile(context.resolve(module + "/pom.xml"))) {
                    problems.add(name + ": build arg SERVICE is not a Maven module: " + module);
                }
            }
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!Files.exists(dockerDir().resolve(source).normalize())) {
                        problems.add(name + ": mounted path does not exist: " + source);
                    }
                } else if (!namedVolumes.contains(source)) {
                    problems.add(name + ": undeclared named volume " + source);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void servicesAreConfiguredLikeTheChartDoes() throws IOException {
        Map<String, Object> services = map(load(dockerDir().resolve("compose.yaml")).get("services"));
        for (String name : SERVICES) {
            Map<String, Object> env = map(map(services.get(name)).get("environment"));
            assertEquals("prod", env.get("QUARKUS_PROFILE"), name);
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), name);
            boolean database = name.equals("orchestrator") || name.equals("stats");
            assertEquals(database, env.containsKey("QUARKUS_DATASOURCE_JDBC_URL"), name);
            boolean api = ChartRenderTest.API_COMPONENTS.contains(name);
            assertEquals(api, env.containsKey("BACKFIRE_API_KEYS_ADMIN"), name);
            assertEquals(api, env.containsKey("BACKFIRE_API_KEYS_READER"), name);
            if (database) {
                assertEquals("jdbc:postgresql://postgres:5432/backfire_" + name, env.get("QUARKUS_DATASOURCE_JDBC_URL"));
                assertTrue(env.containsKey("QUARKUS_DATASOURCE_PASSWORD"), name);
            }
            assertEquals(name.equals("agent"), env.containsKey("OPENAI_API_KEY"), "model keys only on the agents");
        }
        String initSql = Files.readString(dockerDir().resolve("postgres/init-databases.sql"));
        assertTrue(initSql.contains("CREATE DATABASE backfire_orchestrator"), initSql);
        assertTrue(initSql.contains("CREATE DATABASE backfire_stats"), initSql);

        String dockerfile = Files.readString(dockerDir().resolve("Dockerfile.jvm"));
        assertTrue(dockerfile.contains("ARG SERVICE"), "Dockerfile.jvm takes the service as a build arg");
        assertTrue(dockerfile.contains("${SERVICE}/target/quarkus-app"), "copies the packaged quarkus-app");
        assertTrue(dockerfile.contains("USER 185"), "runs as user 185");
        assertTrue(dockerfile.contains("\"-jar\", \"quarkus-run.jar\""), "runs quarkus-run.jar");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scoringIsWiredForRescoringAndTheJudgeLikeTheChartDoes() throws IOException {
        Map<String, Object> services = map(load(dockerDir().resolve("compose.yaml")).get("services"));
        Map<String, Object> scoring = map(services.get("scoring"));
        Map<String, Object> env = map(scoring.get("environment"));
        // The orchestrator's service name and its container port (the part after the last ':' of its mapping).
        String orchestratorPort = ((List<Object>) map(services.get("orchestrator")).get("ports")).get(0).toString()
                .replaceAll(".*:", "");
        assertEquals("http://orchestrator:" + orchestratorPort, env.get(ChartRenderTest.ORCHESTRATOR_URL));

        String directory = (String) env.get(ChartRenderTest.LEXICON_SETS_DIRECTORY);
        String mount = ((List<Object>) scoring.get("volumes")).stream().map(Object::toString)
                .filter(v -> v.startsWith("./lexicon-sets:")).findFirst()
                .orElseThrow(() -> new AssertionError("docker/lexicon-sets is not mounted into the scoring-service"));
        assertEquals(directory + ":ro", mount.substring("./lexicon-sets:".length()), "mounted read-only where configured");
        assertTrue(Files.isDirectory(dockerDir().resolve("lexicon-sets")), "docker/lexicon-sets exists");

        // Off unless the shell turns it on; the key only ever comes from the shell.
        assertEquals("${BACKFIRE_SCORING_JUDGE_ENABLED:-false}", env.get(ChartRenderTest.JUDGE_ENABLED));
        assertEquals("${BACKFIRE_JUDGE_API_KEY:-}", env.get(ChartRenderTest.JUDGE_KEY));
        assertTrue(env.containsKey(ChartRenderTest.JUDGE_BASE_URL) && env.containsKey(ChartRenderTest.JUDGE_MODEL));
        for (String other : SERVICES) {
            if (!other.equals("scoring")) {
                assertFalse(map(map(services.get(other)).get("environment")).containsKey(ChartRenderTest.JUDGE_KEY),
                        "the judge key only on the scoring-service: " + other);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaMountsTheChartDashboardsAndPrometheusScrapesEveryService() throws Exception {
        Map<String, Object> services = map(load(dockerDir().resolve("compose.yaml")).get("services"));
        List<Object> grafanaVolumes = (List<Object>) map(services.get("grafana")).get("volumes");
        String dashboards = grafanaVolumes.stream().map(Object::toString)
                .filter(v -> v.startsWith("../helm/backfire-lab/files/dashboards:")).findFirst()
                .orElseThrow(() -> new AssertionError("the chart's dashboards are not mounted into Grafana"));
        String target = dashboards.split(":")[1];
        Map<String, Object> provider = map(((List<Object>) load(dockerDir()
                .resolve("grafana/provisioning/dashboards/backfire.yaml")).get("providers")).get(0));
        assertEquals(target, map(provider.get("options")).get("path"), "the provider reads the mounted folder");

        Path prometheusConfig = dockerDir().resolve("prometheus/prometheus.yml");
        Set<String> jobs = new TreeSet<>();
        for (Object job : (List<Object>) load(prometheusConfig).get("scrape_configs")) {
            assertEquals("/q/metrics", map(job).get("metrics_path"), job.toString());
            jobs.add(map(job).get("job_name").toString());
        }
        assertEquals(Set.of("orchestrator-service", "agent-service", "scoring-service", "stats-service"), jobs);

        Optional<Path> promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(p -> Path.of(p, "promtool")).filter(Files::isExecutable).findFirst();
        if (promtool.isPresent()) { // optional: the Debian package "prometheus"
            Process check = new ProcessBuilder(promtool.get().toString(), "check", "config", prometheusConfig.toString())
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool timed out");
            assertEquals(0, check.exitValue(), output);
        }
        assertFalse(jobs.isEmpty());
    }
}
