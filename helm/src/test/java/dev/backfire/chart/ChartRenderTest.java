package dev.backfire.chart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backfire.chart.Chart.Document;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code helm template} of every scenario: core Kubernetes kinds are strictly schema-checked with the fabric8
 * model (unknown fields fail), custom resources are checked for their apiVersion, kind, metadata and the spec
 * fields the chart sets, and the objects are checked against each other (selectors, names, wiring).
 */
class ChartRenderTest {

    /** Core kinds and the fabric8 class each must unmarshal into. */
    static final Map<String, String> CORE_KINDS = Map.of(
            "Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment",
            "Service", "io.fabric8.kubernetes.api.model.Service",
            "ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap",
            "ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount",
            "PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget",
            "HorizontalPodAutoscaler", "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler",
            "NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy",
            "Pod", "io.fabric8.kubernetes.api.model.Pod");

    /** Custom resource kinds and their apiVersion. */
    static final Map<String, String> CRD_KINDS = Map.of(
            "Kafka", "kafka.strimzi.io/v1beta2",
            "KafkaNodePool", "kafka.strimzi.io/v1beta2",
            "KafkaTopic", "kafka.strimzi.io/v1beta2",
            "Cluster", "postgresql.cnpg.io/v1",
            "Database", "postgresql.cnpg.io/v1",
            "ScaledObject", "keda.sh/v1alpha1",
            "ServiceMonitor", "monitoring.coreos.com/v1",
            "PrometheusRule", "monitoring.coreos.com/v1");

    static final List<String> COMPONENTS = List.of("orchestrator", "agent", "scoring", "stats");
    /** Components with a REST API behind API keys. */
    static final Set<String> API_COMPONENTS = Set.of("orchestrator", "scoring", "stats");
    static final Set<String> API_KEYS = Set.of("BACKFIRE_API_KEYS_ADMIN", "BACKFIRE_API_KEYS_READER");
    /** The scoring-service's LLM judge key (backfire.scoring.judge.api-key defaults to it). */
    static final String JUDGE_KEY = "BACKFIRE_JUDGE_API_KEY";
    static final String ORCHESTRATOR_URL = "BACKFIRE_SCORING_ORCHESTRATOR_URL";
    static final String LEXICON_SETS_DIRECTORY = "BACKFIRE_SCORING_RESCORE_LEXICON_SETS_DIRECTORY";
    static final String JUDGE_ENABLED = "BACKFIRE_SCORING_JUDGE_ENABLED";
    static final String JUDGE_BASE_URL = "BACKFIRE_SCORING_JUDGE_BASE_URL";
    static final String JUDGE_MODEL = "BACKFIRE_SCORING_JUDGE_MODEL";
    static final Set<String> TOPICS = Set.of("backfire.turn-requests", "backfire.agent-messages",
            "backfire.message-scores", "backfire.run-events", "backfire.dead-letters");

    private static final Map<String, String> RENDERS = new HashMap<>();

    static List<String> scenarios() {
        return Chart.scenarios();
    }

    static synchronized String rendered(String scenario) {
        return RENDERS.computeIfAbsent(scenario, Chart::render);
    }

    static List<Document> docs(String scenario) {
        return Chart.documents(rendered(scenario));
    }

    static List<Document> docs(String scenario, String kind) {
        return Chart.documents(rendered(scenario), kind);
    }

    static JsonNode only(String scenario, String kind, String name) {
        List<JsonNode> found = docs(scenario, kind).stream().filter(d -> d.name().equals(name))
                .map(Document::tree).toList();
        assertEquals(1, found.size(), () -> scenario + ": expected one " + kind + "/" + name);
        return found.get(0);
    }

    static String component(String component) {
        return Chart.RELEASE + "-" + component;
    }

    // ---------------------------------------------------------------- every scenario

    @ParameterizedTest(name = "renders only known kinds ({0})")
    @MethodSource("scenarios")
    void rendersOnlyKnownKinds(String scenario) {
        List<Document> documents = docs(scenario);
        assertFalse(documents.isEmpty(), scenario + " rendered nothing");
        for (Document doc : documents) {
            assertTrue(CORE_KINDS.containsKey(doc.kind()) || CRD_KINDS.containsKey(doc.kind()),
                    () -> scenario + ": unexpected kind " + doc);
        }
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget")) {
            Set<String> names = docs(scenario, kind).stream().map(Document::name).collect(Collectors.toSet());
            for (String c : COMPONENTS) {
                assertTrue(names.contains(component(c)), () -> scenario + ": no " + kind + "/" + component(c));
            }
        }
    }

    @ParameterizedTest(name = "core kinds match their fabric8 schema strictly ({0})")
    @MethodSource("scenarios")
    void coreKindsMatchTheirSchemaStrictly(String scenario) {
        List<String> failures = new ArrayList<>();
        for (Document doc : docs(scenario)) {
            if (!CORE_KINDS.containsKey(doc.kind())) {
                continue;
            }
            try {
                KubernetesResource typed = StrictSchema.unmarshal(doc.text());
                assertEquals(CORE_KINDS.get(doc.kind()), typed.getClass().getName(), doc.toString());
                Set<String> unknown = StrictSchema.unknownFields(typed);
                if (!unknown.isEmpty()) {
                    failures.add(doc + " unknown fields: " + unknown);
                }
            } catch (AssertionError e) {
                failures.add(doc + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), () -> scenario + ":\n" + String.join("\n", failures));
    }

    @ParameterizedTest(name = "custom resources have apiVersion, kind and metadata ({0})")
    @MethodSource("scenarios")
    void customResourcesHaveTheirApiVersionAndMetadata(String scenario) {
        for (Document doc : docs(scenario)) {
            if (!CRD_KINDS.containsKey(doc.kind())) {
                continue;
            }
            assertEquals(CRD_KINDS.get(doc.kind()), doc.tree().path("apiVersion").asText(), doc.toString());
            assertTrue(doc.name().matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?"), () -> "bad name " + doc);
            assertTrue(doc.tree().path("spec").isObject(), () -> "no spec in " + doc);
        }
    }

    @ParameterizedTest(name = "every object has the recommended labels and the release namespace ({0})")
    @MethodSource("scenarios")
    void everyObjectHasTheRecommendedLabels(String scenario) {
        for (Document doc : docs(scenario)) {
            JsonNode metadata = doc.tree().path("metadata");
            assertEquals(Chart.NAMESPACE, metadata.path("namespace").asText(), () -> "namespace of " + doc);
            JsonNode labels = metadata.path("labels");
            assertEquals("backfire-lab", labels.path("app.kubernetes.io/name").asText(), doc.toString());
            assertEquals(Chart.RELEASE, labels.path("app.kubernetes.io/instance").asText(), doc.toString());
            assertEquals("0.1.0", labels.path("app.kubernetes.io/version").asText(), doc.toString());
            assertEquals("Helm", labels.path("app.kubernetes.io/managed-by").asText(), doc.toString());
            assertEquals("backfire-lab", labels.path("app.kubernetes.io/part-of").asText(), doc.toString());
            assertTrue(labels.path("helm.sh/chart").asText().startsWith("backfire-lab-"), doc.toString());
            assertTrue(doc.name().length() <= 63, () -> "name longer than 63: " + doc);
        }
    }

    @ParameterizedTest(name = "selectors are stable and select the right pods ({0})")
    @MethodSource("scenarios")
    void selectorsAreStableAndSelectTheRightPods(String scenario) {
        Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
        for (Document deployment : docs(scenario, "Deployment")) {
            Map<String, String> selector = strings(deployment.tree().at("/spec/selector/matchLabels"));
            assertStableSelector(selector, deployment);
            Map<String, String> labels = strings(deployment.tree().at("/spec/template/metadata/labels"));
            assertTrue(labels.entrySet().containsAll(selector.entrySet()), () -> "pods not selected: " + deployment);
            podLabels.put(deployment.name(), labels);
        }
        Function<Map<String, String>, List<String>> selected = selector -> podLabels.entrySet().stream()
                .filter(e -> e.getValue().entrySet().containsAll(selector.entrySet()))
                .map(Map.Entry::getKey).toList();
        for (Document service : docs(scenario, "Service")) {
            Map<String, String> selector = strings(service.tree().at("/spec/selector"));
            assertStableSelector(selector, service);
            assertEquals(List.of(service.name()), selected.apply(selector), service.toString());
        }
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (Document doc : docs(scenario, kind)) {
                String path = kind.equals("NetworkPolicy") ? "/spec/podSelector/matchLabels" : "/spec/selector/matchLabels";
                Map<String, String> selector = strings(doc.tree().at(path));
                assertStableSelector(selector, doc);
                assertEquals(List.of(doc.name()), selected.apply(selector), doc.toString());
            }
        }
        Map<String, Map<String, String>> serviceLabels = docs(scenario, "Service").stream()
                .collect(Collectors.toMap(Document::name, d -> strings(d.tree().at("/metadata/labels"))));
        for (Document monitor : docs(scenario, "ServiceMonitor")) {
            Map<String, String> selector = strings(monitor.tree().at("/spec/selector/matchLabels"));
            assertStableSelector(selector, monitor);
            List<String> services = serviceLabels.entrySet().stream()
                    .filter(e -> e.getValue().entrySet().containsAll(selector.entrySet()))
                    .map(Map.Entry::getKey).toList();
            assertEquals(List.of(monitor.name()), services, monitor.toString());
        }
    }

    private static void assertStableSelector(Map<String, String> selector, Document doc) {
        assertFalse(selector.isEmpty(), () -> "empty selector in " + doc);
        assertFalse(selector.containsKey("helm.sh/chart"), () -> "helm.sh/chart in the selector of " + doc);
        assertFalse(selector.containsKey("app.kubernetes.io/version"), () -> "version in the selector of " + doc);
    }

    @ParameterizedTest(name = "deployments are hardened and probed ({0})")
    @MethodSource("scenarios")
    void deploymentsAreHardenedAndProbed(String scenario) {
        Set<String> serviceAccounts = names(scenario, "ServiceAccount");
        Set<String> configMaps = names(scenario, "ConfigMap");
        for (Document deployment : docs(scenario, "Deployment")) {
            JsonNode pod = deployment.tree().at("/spec/template/spec");
            String sa = pod.path("serviceAccountName").asText();
            assertTrue(serviceAccounts.contains(sa), () -> "missing ServiceAccount " + sa + " of " + deployment);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), deployment.toString());
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), deployment.toString());
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), deployment.toString());

            JsonNode containers = pod.path("containers");
            assertEquals(1, containers.size(), deployment.toString());
            JsonNode container = containers.get(0);
            assertTrue(container.path("image").asText().matches("[^/\\s]+/[^:\\s]+:[^:\\s]+"), deployment.toString());
            JsonNode security = container.path("securityContext");
            assertTrue(security.path("runAsNonRoot").asBoolean(), deployment.toString());
            assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), deployment.toString());
            assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), deployment.toString());
            assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString(), deployment.toString());
            assertEquals("RuntimeDefault", security.at("/seccompProfile/type").asText(), deployment.toString());

            assertEquals(8080, container.at("/ports/0/containerPort").asInt(), deployment.toString());
            assertEquals("http", container.at("/ports/0/name").asText(), deployment.toString());
            assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), deployment.toString());
            assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), deployment.toString());
            assertEquals("/q/health/live", container.at("/startupProbe/httpGet/path").asText(), deployment.toString());
            assertTrue(container.at("/resources/requests/memory").isTextual(), deployment.toString());
            assertTrue(container.at("/resources/limits/memory").isTextual(), deployment.toString());

            String tmpVolume = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals("/tmp")) {
                    tmpVolume = mount.path("name").asText();
                }
            }
            assertTrue(tmpVolume != null, () -> "no /tmp mount in " + deployment);
            boolean emptyDir = false;
            for (JsonNode volume : pod.path("volumes")) {
                emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
            }
            assertTrue(emptyDir, () -> "/tmp is not an emptyDir in " + deployment);

            String configMap = container.at("/envFrom/0/configMapRef/name").asText();
            assertEquals(deployment.name(), configMap, deployment.toString());
            assertTrue(configMaps.contains(configMap), deployment.toString());
        }
    }

    @ParameterizedTest(name = "services get the configuration and secrets they need, and only those ({0})")
    @MethodSource("scenarios")
    void servicesAreWired(String scenario) {
        for (String c : COMPONENTS) {
            JsonNode data = only(scenario, "ConfigMap", component(c)).path("data");
            assertEquals("prod", data.path("QUARKUS_PROFILE").asText(), c);
            assertFalse(data.path("KAFKA_BOOTSTRAP_SERVERS").asText().isBlank(), c);
            boolean database = c.equals("orchestrator") || c.equals("stats");
            assertEquals(database, data.has("QUARKUS_DATASOURCE_JDBC_URL"), c);
            if (database) {
                assertTrue(data.path("QUARKUS_DATASOURCE_JDBC_URL").asText()
                        .matches("jdbc:postgresql://[^/]+/backfire_" + c + "(\\?.*)?"), c);
            }
            Set<String> secretEnv = new TreeSet<>();
            JsonNode deployment = only(scenario, "Deployment", component(c));
            for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                assertTrue(env.at("/valueFrom/secretKeyRef").isObject(), () -> "plain env outside the ConfigMap: " + env);
                secretEnv.add(env.path("name").asText());
            }
            if (database) {
                assertTrue(secretEnv.containsAll(Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD")),
                        c + " " + secretEnv);
            }
            boolean api = API_COMPONENTS.contains(c);
            assertEquals(api, secretEnv.containsAll(API_KEYS), () -> c + " " + secretEnv);
            if (api) {
                String authSecret = Chart.values(scenario).at("/auth/existingSecret").asText();
                for (JsonNode env : deployment.at("/spec/template/spec/containers/0/env")) {
                    if (API_KEYS.contains(env.path("name").asText())) {
                        assertEquals(authSecret, env.at("/valueFrom/secretKeyRef/name").asText(), c);
                        assertFalse(env.at("/valueFrom/secretKeyRef/optional").asBoolean(), "API keys are required");
                    }
                }
            }
            if (c.equals("agent")) {
                assertTrue(secretEnv.stream().allMatch(n -> n.endsWith("_API_KEY")), () -> "agent env " + secretEnv);
            } else if (c.equals("scoring")) {
                JsonNode judge = Chart.values(scenario).at("/scoring/judge");
                Set<String> expected = new TreeSet<>(API_KEYS);
                if (judge.path("enabled").asBoolean() && !judge.path("existingSecret").asText().isEmpty()) {
                    expected.add(JUDGE_KEY);
                }
                assertEquals(expected, secretEnv, "scoring: the API keys, and the judge's key while it is on");
            } else {
                assertTrue(secretEnv.stream().noneMatch(n -> n.endsWith("_API_KEY")), () -> "model keys on " + c);
            }
        }
        for (String single : List.of("orchestrator", "stats")) {
            JsonNode spec = only(scenario, "Deployment", component(single)).path("spec");
            assertEquals(1, spec.path("replicas").asInt(), single + " must run exactly one replica");
            assertEquals("Recreate", spec.at("/strategy/type").asText(), single);
        }
    }

    @ParameterizedTest(name = "the scoring-service is wired to the orchestrator, its lexicon sets and its judge ({0})")
    @MethodSource("scenarios")
    void scoringIsWiredForRescoringAndTheJudge(String scenario) {
        JsonNode values = Chart.values(scenario).path("scoring");
        JsonNode data = only(scenario, "ConfigMap", component("scoring")).path("data");
        JsonNode orchestratorService = only(scenario, "Service", component("orchestrator"));
        assertEquals("http://" + orchestratorService.at("/metadata/name").asText() + ":"
                + orchestratorService.at("/spec/ports/0/port").asInt(), data.path(ORCHESTRATOR_URL).asText(),
                "re-scoring reads transcripts through the orchestrator's Service");

        JsonNode judge = values.path("judge");
        boolean judgeOn = judge.path("enabled").asBoolean();
        assertEquals(judgeOn, data.has(JUDGE_ENABLED), "judge settings only while it is on");
        assertEquals(judgeOn, data.has(JUDGE_BASE_URL));
        assertEquals(judgeOn, data.has(JUDGE_MODEL));
        if (judgeOn) {
            assertEquals("true", data.path(JUDGE_ENABLED).asText());
            assertEquals(judge.path("baseUrl").asText(), data.path(JUDGE_BASE_URL).asText());
            assertEquals(judge.path("model").asText(), data.path(JUDGE_MODEL).asText());
        }

        JsonNode sets = values.path("lexiconSets");
        boolean setsOn = sets.path("enabled").asBoolean();
        String mountPath = sets.path("mountPath").asText();
        assertEquals(setsOn ? mountPath : null, data.has(LEXICON_SETS_DIRECTORY)
                ? data.path(LEXICON_SETS_DIRECTORY).asText() : null, "the lexicon-set directory is where they are mounted");
        JsonNode pod = only(scenario, "Deployment", component("scoring")).at("/spec/template/spec");
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Set<String> lexiconMounts = new TreeSet<>();
        for (JsonNode mount : pod.at("/containers/0/volumeMounts")) {
            String path = mount.path("mountPath").asText();
            if (path.equals("/tmp")) {
                continue;
            }
            lexiconMounts.add(path);
            assertTrue(setsOn, () -> "a lexicon-set mount while lexiconSets is off: " + mount);
            assertTrue(mount.path("readOnly").asBoolean(), () -> "lexicon sets are mounted read-only: " + mount);
            JsonNode volume = volumes.get(mount.path("name").asText());
            assertTrue(volume != null, () -> "no volume for " + mount);
            if (volume.has("persistentVolumeClaim")) {
                assertEquals(mountPath, path);
                assertEquals(sets.path("existingClaim").asText(), volume.at("/persistentVolumeClaim/claimName").asText());
                assertTrue(volume.at("/persistentVolumeClaim/readOnly").asBoolean(), volume.toString());
            } else {
                String set = path.substring(path.lastIndexOf('/') + 1);
                assertEquals(mountPath + "/" + set, path, "one folder per set under the directory");
                assertEquals(sets.at("/configMaps").path(set).asText(), volume.at("/configMap/name").asText(), set);
            }
        }
        int expectedMounts = !setsOn ? 0 : sets.path("existingClaim").asText().isEmpty() ? sets.path("configMaps").size() : 1;
        assertEquals(expectedMounts, lexiconMounts.size(), () -> "lexicon-set mounts " + lexiconMounts);
        assertEquals(1 + expectedMounts, volumes.size(), () -> "volumes " + volumes.keySet());
    }

    @ParameterizedTest(name = "network policies let API clients reach the scoring-service and it reach its peers ({0})")
    @MethodSource("scenarios")
    void networkPoliciesAllowTheScoringFlows(String scenario) {
        if (docs(scenario, "NetworkPolicy").isEmpty()) {
            return;
        }
        JsonNode values = Chart.values(scenario);
        for (String c : API_COMPONENTS) {
            JsonNode ingress = only(scenario, "NetworkPolicy", component(c)).at("/spec/ingress/0");
            assertEquals("{}", ingress.at("/from/0/podSelector").toString(), c + ": REST API open to the namespace");
            assertEquals("http", ingress.at("/ports/0/port").asText(), c);
        }
        JsonNode policy = only(scenario, "NetworkPolicy", component("scoring")).path("spec");
        Map<String, String> orchestratorPods = strings(only(scenario, "Deployment", component("orchestrator"))
                .at("/spec/template/metadata/labels"));
        int orchestratorPort = only(scenario, "Deployment", component("orchestrator"))
                .at("/spec/template/spec/containers/0/ports/0/containerPort").asInt();
        boolean toOrchestrator = false;
        for (JsonNode rule : policy.path("egress")) {
            JsonNode selector = rule.at("/to/0/podSelector/matchLabels");
            if (selector.isObject() && !rule.at("/to/0").has("namespaceSelector")
                    && orchestratorPods.entrySet().containsAll(strings(selector).entrySet())
                    && strings(selector).get("app.kubernetes.io/component").equals("orchestrator")) {
                assertEquals(orchestratorPort, rule.at("/ports/0/port").asInt(), "the orchestrator's container port");
                assertEquals(1, rule.path("ports").size());
                toOrchestrator = true;
            }
        }
        assertTrue(toOrchestrator, "scoring may reach the orchestrator's pods");
        Set<Integer> expected = new TreeSet<>(Set.of(53, orchestratorPort));
        if (values.at("/kafka/strimzi/enabled").asBoolean()) {
            expected.add(9092);
        } else {
            values.at("/networkPolicy/kafka/ports").forEach(p -> expected.add(p.asInt()));
        }
        if (values.at("/scoring/judge/enabled").asBoolean()) {
            values.at("/networkPolicy/judge/ports").forEach(p -> expected.add(p.asInt()));
        }
        assertEquals(expected, egressPorts(policy), "scoring egress: DNS, Kafka, orchestrator, the judge while on");
    }

    // ---------------------------------------------------------------- scenario specifics

    @Test
    void defaultsRenderOnlyTheServicesAgainstExternalInfrastructure() {
        Set<String> kinds = docs(Chart.DEFAULT).stream().map(Document::kind).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ServiceAccount"), kinds);
        for (String c : COMPONENTS) {
            assertEquals("kafka:9092", only(Chart.DEFAULT, "ConfigMap", component(c)).at("/data/KAFKA_BOOTSTRAP_SERVERS").asText());
        }
        assertEquals(2, only(Chart.DEFAULT, "Deployment", component("agent")).at("/spec/replicas").asInt());
        JsonNode username = only(Chart.DEFAULT, "Deployment", component("stats"))
                .at("/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef");
        assertEquals("backfire-postgresql", username.path("name").asText());

        JsonNode scoringData = only(Chart.DEFAULT, "ConfigMap", component("scoring")).path("data");
        assertEquals("http://backfire-orchestrator:8080", scoringData.path(ORCHESTRATOR_URL).asText());
        assertFalse(scoringData.has(LEXICON_SETS_DIRECTORY), "no lexicon sets by default: only `bundled`");
        assertFalse(scoringData.has(JUDGE_ENABLED), "the judge stays at the service's default: off");
        JsonNode scoring = only(Chart.DEFAULT, "Deployment", component("scoring")).at("/spec/template/spec");
        assertEquals(List.of("BACKFIRE_API_KEYS_ADMIN", "BACKFIRE_API_KEYS_READER"), envNames(scoring));
        assertEquals("admin", scoring.at("/containers/0/env/0/valueFrom/secretKeyRef/key").asText());
        assertEquals("reader", scoring.at("/containers/0/env/1/valueFrom/secretKeyRef/key").asText());
        assertEquals(1, scoring.path("volumes").size(), "only /tmp");
    }

    @Test
    void rescoringScenarioMountsLexiconSetsAndOpensTheJudge() {
        String s = "rescoring";
        JsonNode data = only(s, "ConfigMap", component("scoring")).path("data");
        assertEquals("/config/lexicon-sets", data.path(LEXICON_SETS_DIRECTORY).asText());
        assertEquals("true", data.path(JUDGE_ENABLED).asText());
        assertEquals("http://vllm.models.svc:8000/v1/", data.path(JUDGE_BASE_URL).asText());
        assertEquals("meta-llama/Llama-3.3-70B-Instruct", data.path(JUDGE_MODEL).asText());

        JsonNode pod = only(s, "Deployment", component("scoring")).at("/spec/template/spec");
        assertEquals(List.of("BACKFIRE_API_KEYS_ADMIN", "BACKFIRE_API_KEYS_READER", JUDGE_KEY), envNames(pod));
        JsonNode judgeKey = pod.at("/containers/0/env/2/valueFrom/secretKeyRef");
        assertEquals("backfire-judge", judgeKey.path("name").asText());
        assertEquals("vllm-api-key", judgeKey.path("key").asText());
        Map<String, String> mounts = new TreeMap<>();
        pod.at("/containers/0/volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        Map<String, String> configMaps = new TreeMap<>();
        pod.path("volumes").forEach(v -> configMaps.put(v.path("name").asText(), v.at("/configMap/name").asText()));
        assertEquals("backfire-lexicons-strict", configMaps.get(mounts.get("/config/lexicon-sets/strict")));
        assertEquals("backfire-lexicons-ja", configMaps.get(mounts.get("/config/lexicon-sets/v2.1-ja")));

        JsonNode policy = only(s, "NetworkPolicy", component("scoring")).path("spec");
        assertEquals(Set.of(53, 9092, 8080, 8000), egressPorts(policy));
        JsonNode judgeRule = policy.at("/egress/3");
        assertEquals(8000, judgeRule.at("/ports/0/port").asInt());
        assertEquals("models", judgeRule.at("/to/0/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name")
                .asText(), "the judge's peers come from networkPolicy.judge.to");
        assertEquals(2, policy.path("ingress").size(), "REST API and metrics");
    }

    @Test
    void externalScenarioMountsLexiconSetsFromAnExistingClaimReadOnly() {
        JsonNode pod = only("external", "Deployment", component("scoring")).at("/spec/template/spec");
        JsonNode mount = pod.at("/containers/0/volumeMounts/1");
        assertEquals("/config/lexicon-sets", mount.path("mountPath").asText());
        assertTrue(mount.path("readOnly").asBoolean());
        JsonNode claim = pod.at("/volumes/1/persistentVolumeClaim");
        assertEquals("backfire-lexicon-sets", claim.path("claimName").asText());
        assertTrue(claim.path("readOnly").asBoolean());
        assertEquals("/config/lexicon-sets",
                only("external", "ConfigMap", component("scoring")).at("/data/" + LEXICON_SETS_DIRECTORY).asText());
    }

    @Test
    void aJudgeWithoutSecretSendsNoKeyAndNoPolicyOpensItWhileOff() throws Exception {
        String rendered = Chart.renderWith("""
                scoring:
                  judge:
                    enabled: true
                    baseUrl: http://ollama.models.svc:11434/v1/
                    model: llama3.3:70b
                networkPolicy:
                  enabled: true
                """);
        JsonNode pod = Chart.documents(rendered, "Deployment").stream().filter(d -> d.name().equals(component("scoring")))
                .findFirst().orElseThrow().tree().at("/spec/template/spec");
        assertEquals(List.of("BACKFIRE_API_KEYS_ADMIN", "BACKFIRE_API_KEYS_READER"), envNames(pod),
                "no judge key without judge.existingSecret");
        JsonNode policy = Chart.documents(rendered, "NetworkPolicy").stream()
                .filter(d -> d.name().equals(component("scoring"))).findFirst().orElseThrow().tree().path("spec");
        assertEquals(Set.of(53, 9092, 8080, 443), egressPorts(policy), "the judge on the default port list");

        String off = Chart.renderWith("""
                scoring:
                  judge:
                    existingSecret: backfire-judge
                networkPolicy:
                  enabled: true
                  judge:
                    ports: [8443]
                """);
        JsonNode offPod = Chart.documents(off, "Deployment").stream().filter(d -> d.name().equals(component("scoring")))
                .findFirst().orElseThrow().tree().at("/spec/template/spec");
        assertFalse(envNames(offPod).contains(JUDGE_KEY), "no judge key while the judge is off");
        JsonNode offPolicy = Chart.documents(off, "NetworkPolicy").stream()
                .filter(d -> d.name().equals(component("scoring"))).findFirst().orElseThrow().tree().path("spec");
        assertFalse(egressPorts(offPolicy).contains(8443), "no judge egress while the judge is off");
    }

    @Test
    void aComponentEnvValueReplacesTheDerivedOneOnce() throws Exception {
        String rendered = Chart.renderWith("""
                scoring:
                  env:
                    BACKFIRE_SCORING_ORCHESTRATOR_URL: https://orchestrator.example.com
                """);
        Document configMap = Chart.documents(rendered, "ConfigMap").stream()
                .filter(d -> d.name().equals(component("scoring"))).findFirst().orElseThrow();
        assertEquals("https://orchestrator.example.com", configMap.tree().at("/data/" + ORCHESTRATOR_URL).asText());
        assertEquals(1, configMap.text().split(ORCHESTRATOR_URL + ":", -1).length - 1, "one key, no duplicate");
    }

    @Test
    void halfConfiguredLexiconSetsFailWithTheReason() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> Chart.renderWith("""
                scoring:
                  lexiconSets:
                    enabled: true
                """));
        assertTrue(none.getMessage().contains("neither existingClaim nor configMaps"), none.getMessage());
        IllegalStateException both = assertThrows(IllegalStateException.class, () -> Chart.renderWith("""
                scoring:
                  lexiconSets:
                    enabled: true
                    existingClaim: sets
                    configMaps:
                      strict: backfire-lexicons-strict
                """));
        assertTrue(both.getMessage().contains("either existingClaim or configMaps, not both"), both.getMessage());
    }

    private static List<String> envNames(JsonNode podSpec) {
        List<String> names = new ArrayList<>();
        podSpec.at("/containers/0/env").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    @Test
    void externalScenarioPassesModelKeysOptionallyFromTheExistingSecret() {
        String s = "external";
        JsonNode env = only(s, "Deployment", component("agent")).at("/spec/template/spec/containers/0/env");
        assertEquals(1, env.size());
        assertEquals("BACKFIRE_AGENT_MODELS_OPENROUTER_API_KEY", env.at("/0/name").asText());
        assertEquals("backfire-model-keys", env.at("/0/valueFrom/secretKeyRef/name").asText());
        assertEquals("openrouter", env.at("/0/valueFrom/secretKeyRef/key").asText());
        assertTrue(env.at("/0/valueFrom/secretKeyRef/optional").asBoolean());
        assertEquals("https://openrouter.ai/api/v1/",
                only(s, "ConfigMap", component("agent")).at("/data/BACKFIRE_AGENT_MODELS_OPENROUTER_BASE_URL").asText());
        assertEquals("registry.example.com/backfire-lab/agent-service:0.1.0",
                only(s, "Deployment", component("agent")).at("/spec/template/spec/containers/0/image").asText());
        JsonNode password = only(s, "Deployment", component("orchestrator"))
                .at("/spec/template/spec/containers/0/env/1/valueFrom/secretKeyRef");
        assertEquals("backfire-db", password.path("name").asText());
        assertEquals("pass", password.path("key").asText());
    }

    @Test
    void operatorsScenarioCreatesAKraftKafkaWithTopicsAndACnpgCluster() {
        String s = "operators";
        JsonNode kafka = only(s, "Kafka", "backfire-kafka");
        assertEquals("enabled", kafka.at("/metadata/annotations/strimzi.io~1kraft").asText());
        assertEquals("enabled", kafka.at("/metadata/annotations/strimzi.io~1node-pools").asText());
        assertTrue(kafka.at("/spec/zookeeper").isMissingNode(), "no ZooKeeper");
        assertTrue(kafka.at("/spec/kafka/replicas").isMissingNode(), "replicas come from the node pool");
        assertEquals("4.1.0", kafka.at("/spec/kafka/version").asText());
        assertEquals(9092, kafka.at("/spec/kafka/listeners/0/port").asInt());
        assertEquals(3, kafka.at("/spec/kafka/config/default.replication.factor").asInt());
        assertEquals(2, kafka.at("/spec/kafka/config/min.insync.replicas").asInt());
        assertTrue(kafka.at("/spec/entityOperator/topicOperator").isObject());

        List<Document> pools = docs(s, "KafkaNodePool");
        assertEquals(1, pools.size());
        JsonNode pool = pools.get(0).tree();
        assertEquals("backfire-kafka", pool.at("/metadata/labels/strimzi.io~1cluster").asText());
        assertEquals("[\"controller\",\"broker\"]", pool.at("/spec/roles").toString());
        assertEquals(3, pool.at("/spec/replicas").asInt());
        assertEquals("20Gi", pool.at("/spec/storage/volumes/0/size").asText());
        assertEquals("shared", pool.at("/spec/storage/volumes/0/kraftMetadata").asText());

        Map<String, JsonNode> topics = docs(s, "KafkaTopic").stream()
                .collect(Collectors.toMap(d -> d.tree().at("/spec/topicName").asText(), Document::tree));
        assertEquals(TOPICS, topics.keySet());
        topics.values().forEach(t -> {
            assertEquals("backfire-kafka", t.at("/metadata/labels/strimzi.io~1cluster").asText());
            assertEquals(3, t.at("/spec/replicas").asInt());
            assertEquals(1209600000L, t.at("/spec/config/retention.ms").asLong());
        });
        assertEquals(32, topics.get("backfire.turn-requests").at("/spec/partitions").asInt());
        assertEquals(12, topics.get("backfire.agent-messages").at("/spec/partitions").asInt());

        JsonNode cluster = only(s, "Cluster", "backfire-postgresql");
        assertEquals(2, cluster.at("/spec/instances").asInt());
        assertEquals("backfire_orchestrator", cluster.at("/spec/bootstrap/initdb/database").asText());
        assertEquals("backfire", cluster.at("/spec/bootstrap/initdb/owner").asText());
        assertEquals("10Gi", cluster.at("/spec/storage/size").asText());
        assertEquals("200", cluster.at("/spec/postgresql/parameters/max_connections").asText());
        JsonNode database = only(s, "Database", "backfire-postgresql-stats");
        assertEquals("backfire_stats", database.at("/spec/name").asText());
        assertEquals("backfire", database.at("/spec/owner").asText());
        assertEquals("backfire-postgresql", database.at("/spec/cluster/name").asText());

        for (String c : COMPONENTS) {
            assertEquals("backfire-kafka-kafka-bootstrap:9092",
                    only(s, "ConfigMap", component(c)).at("/data/KAFKA_BOOTSTRAP_SERVERS").asText());
        }
        for (String c : List.of("orchestrator", "stats")) {
            assertEquals("jdbc:postgresql://backfire-postgresql-rw:5432/backfire_" + c,
                    only(s, "ConfigMap", component(c)).at("/data/QUARKUS_DATASOURCE_JDBC_URL").asText());
            JsonNode env = only(s, "Deployment", component(c)).at("/spec/template/spec/containers/0/env");
            assertEquals("backfire-postgresql-app", env.at("/0/valueFrom/secretKeyRef/name").asText());
            assertEquals("username", env.at("/0/valueFrom/secretKeyRef/key").asText());
            assertEquals("password", env.at("/1/valueFrom/secretKeyRef/key").asText());
        }
    }

    @Test
    void autoscalingScenarioScalesAgentsWithKedaOnConsumerLag() {
        String s = "autoscaling";
        JsonNode scaledObject = only(s, "ScaledObject", component("agent"));
        assertEquals(component("agent"), scaledObject.at("/spec/scaleTargetRef/name").asText());
        assertEquals(1, scaledObject.at("/spec/minReplicaCount").asInt());
        assertEquals(24, scaledObject.at("/spec/maxReplicaCount").asInt());
        JsonNode trigger = scaledObject.at("/spec/triggers/0");
        assertEquals("kafka", trigger.path("type").asText());
        JsonNode metadata = trigger.path("metadata");
        assertEquals("backfire-agents", metadata.path("consumerGroup").asText());
        assertEquals("backfire.turn-requests", metadata.path("topic").asText());
        assertEquals(only(s, "ConfigMap", component("agent")).at("/data/KAFKA_BOOTSTRAP_SERVERS").asText(),
                metadata.path("bootstrapServers").asText());
        // KEDA trigger metadata is map[string]string: numbers must be quoted.
        for (Iterator<JsonNode> values = metadata.elements(); values.hasNext(); ) {
            JsonNode value = values.next();
            assertTrue(value.isTextual(), () -> "KEDA metadata values must be strings: " + metadata);
        }
        assertEquals("10", metadata.path("lagThreshold").asText());
        assertTrue(docs(s, "HorizontalPodAutoscaler").isEmpty(), "no HPA while KEDA owns the scaling");
        assertTrue(only(s, "Deployment", component("agent")).at("/spec/replicas").isMissingNode(),
                "an autoscaled Deployment leaves spec.replicas to the autoscaler");
        assertEquals(1, only(s, "KafkaTopic", "backfire-kafka-turn-requests").at("/spec/replicas").asInt(),
                "replication follows a one-node pool");
        assertEquals(1, only(s, "Kafka", "backfire-kafka").at("/spec/kafka/config/min.insync.replicas").asInt());
    }

    @Test
    void monitoringScenarioRendersMonitorsRulesDashboardsAndPolicies() throws Exception {
        String s = "monitoring";
        assertEquals(4, docs(s, "ServiceMonitor").size());
        for (Document monitor : docs(s, "ServiceMonitor")) {
            JsonNode endpoint = monitor.tree().at("/spec/endpoints/0");
            assertEquals("http", endpoint.path("port").asText());
            assertEquals("/q/metrics", endpoint.path("path").asText());
            assertEquals("15s", endpoint.path("interval").asText());
            assertEquals("kube-prometheus-stack", monitor.tree().at("/metadata/labels/release").asText());
        }

        JsonNode rule = docs(s, "PrometheusRule").get(0).tree();
        JsonNode groups = Chart.YAML.readTree(AlertRulesCopyTest.copy().toFile()).path("groups");
        assertEquals(groups, rule.at("/spec/groups"), "the PrometheusRule carries the rule file's groups unchanged");
        Set<String> alerts = new TreeSet<>();
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode r : group.path("rules")) {
                String alert = r.path("alert").asText();
                alerts.add(alert);
                assertFalse(r.path("expr").asText().isBlank(), alert);
                assertTrue(r.path("for").asText().matches("[0-9]+[smh]"), () -> "no for: " + alert);
                assertTrue(Set.of("info", "warning", "critical").contains(r.at("/labels/severity").asText()), alert);
                assertFalse(r.at("/annotations/summary").asText().isBlank(), alert);
                assertFalse(r.at("/annotations/description").asText().isBlank(), alert);
            }
        }
        assertTrue(alerts.containsAll(Set.of("BackfireDetected", "StudyStalled", "ModelErrorRateHigh",
                "BudgetNearlySpent", "DeadLettersIncreasing")), alerts::toString);
        assertTrue(rule.at("/spec/groups").toString().contains("backfire_stats_effect_ci_low{measure=\\\"cpi\\\"}"),
                "the backfire criterion");

        List<Document> dashboards = docs(s, "ConfigMap").stream()
                .filter(d -> d.tree().at("/metadata/labels/grafana_dashboard").asText().equals("1")).toList();
        Set<String> files = DashboardsTest.dashboardFiles().stream().map(p -> p.getFileName().toString())
                .collect(Collectors.toSet());
        assertEquals(files.size(), dashboards.size(), "one ConfigMap per dashboard file");
        for (Document dashboard : dashboards) {
            Iterator<String> keys = dashboard.tree().path("data").fieldNames();
            String file = keys.next();
            assertTrue(files.contains(file), file);
            JsonNode json = Chart.YAML.readTree(dashboard.tree().at("/data").path(file).asText());
            assertFalse(json.path("uid").asText().isBlank(), file);
        }

        assertEquals(4, docs(s, "NetworkPolicy").size());
        JsonNode orchestratorPolicy = only(s, "NetworkPolicy", component("orchestrator")).path("spec");
        assertEquals("{}", orchestratorPolicy.at("/ingress/0/from/0/podSelector").toString(),
                "REST API open to the namespace");
        assertEquals("monitoring", orchestratorPolicy.at("/ingress/1/from/0/namespaceSelector/matchLabels")
                .path("kubernetes.io/metadata.name").asText());
        Set<Integer> orchestratorPorts = egressPorts(orchestratorPolicy);
        assertEquals(Set.of(53, 9092, 5432), orchestratorPorts);
        JsonNode agentPolicy = only(s, "NetworkPolicy", component("agent")).path("spec");
        assertEquals(1, agentPolicy.path("ingress").size(), "agents take only metrics scrapes");
        assertEquals(Set.of(53, 9092, 443, 8000), egressPorts(agentPolicy));
        JsonNode scoringPolicy = only(s, "NetworkPolicy", component("scoring")).path("spec");
        assertEquals(Set.of(53, 9092, 8080), egressPorts(scoringPolicy), "no judge egress while the judge is off");
        assertEquals(2, scoringPolicy.path("ingress").size(), "scoring takes REST calls and metrics scrapes");
        assertEquals(Set.of(53, 9092, 5432), egressPorts(only(s, "NetworkPolicy", component("stats")).path("spec")));

        JsonNode hpa = only(s, "HorizontalPodAutoscaler", component("agent"));
        assertEquals(component("agent"), hpa.at("/spec/scaleTargetRef/name").asText());
        assertEquals("cpu", hpa.at("/spec/metrics/0/resource/name").asText());
        assertEquals(2, hpa.at("/spec/minReplicas").asInt());
        assertEquals(10, hpa.at("/spec/maxReplicas").asInt());
        assertTrue(only(s, "Deployment", component("agent")).at("/spec/replicas").isMissingNode());
    }

    private static Set<Integer> egressPorts(JsonNode policySpec) {
        Set<Integer> ports = new TreeSet<>();
        for (JsonNode rule : policySpec.path("egress")) {
            for (JsonNode port : rule.path("ports")) {
                ports.add(port.path("port").asInt());
            }
        }
        return ports;
    }

    private static Set<String> names(String scenario, String kind) {
        return docs(scenario, kind).stream().map(Document::name).collect(Collectors.toSet());
    }

    private static Map<String, String> strings(JsonNode object) {
        if (!object.isObject()) {
            fail("not a map: " + object);
        }
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }
}
