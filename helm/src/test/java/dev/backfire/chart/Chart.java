package dev.backfire.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart under test, rendered and linted with the Helm embedded in helm-java (no helm binary, no cluster).
 *
 * <p>A <em>scenario</em> is either {@code default} (values.yaml alone) or the name of a {@code ci/<name>-values.yaml}
 * file, applied over values.yaml as {@code helm template -f} would.
 */
final class Chart {

    /** Release name of every render; also the one k8s/ is generated with. */
    static final String RELEASE = "backfire";
    /** Namespace of every render; also the one k8s/ is generated with. */
    static final String NAMESPACE = "backfire";
    /**
     * Kubernetes version the renders assume. Helm's offline default (v1.20) is below the chart's kubeVersion
     * constraint (>= 1.25), so it is set explicitly, as with {@code helm template --kube-version}.
     */
    static final String KUBE_VERSION = "1.33.0";
    /** The scenario rendering values.yaml alone. */
    static final String DEFAULT = "default";

    static final YAMLMapper YAML = new YAMLMapper();

    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: backfire-lab/(\\S+)$");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    private Chart() {
    }

    /** The repository root (system property {@code backfire.home}, set by the module's surefire configuration). */
    static Path home() {
        return Path.of(System.getProperty("backfire.home", "..")).toAbsolutePath().normalize();
    }

    static Path chartDir() {
        return home().resolve("helm/backfire-lab");
    }

    /** {@code default} plus one scenario per {@code ci/*-values.yaml}, sorted. */
    static List<String> scenarios() {
        List<String> scenarios = new ArrayList<>();
        scenarios.add(DEFAULT);
        try (Stream<Path> files = Files.list(chartDir().resolve("ci"))) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("-values.yaml"))
                    .map(n -> n.substring(0, n.length() - "-values.yaml".length()))
                    .sorted()
                    .forEach(scenarios::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scenarios;
    }

    static Path valuesFile(String scenario) {
        return chartDir().resolve("ci").resolve(scenario + "-values.yaml");
    }

    /** {@code helm template} of a scenario. Throws IllegalStateException with Helm's message on failure. */
    static String render(String scenario) {
        TemplateCommand template = new Helm(chartDir()).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        if (!DEFAULT.equals(scenario)) {
            template = template.withValuesFile(valuesFile(scenario));
        }
        return template.call();
    }

    /**
     * {@code helm template} with values given inline (a YAML text applied over values.yaml, as with {@code -f}).
     * Throws IllegalStateException with Helm's message when the schema or a template refuses them.
     */
    static String renderWith(String valuesYaml) throws IOException {
        Path values = Files.createTempFile("backfire-lab-", "-values.yaml");
        try {
            Files.writeString(values, valuesYaml);
            return new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION).withValuesFile(values).call();
        } finally {
            Files.delete(values);
        }
    }

    /** The values a scenario renders with: values.yaml, with the scenario's file merged over it. */
    static JsonNode values(String scenario) {
        try {
            JsonNode defaults = YAML.readTree(chartDir().resolve("values.yaml").toFile());
            return DEFAULT.equals(scenario) ? defaults : merge(defaults, YAML.readTree(valuesFile(scenario).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code helm lint --strict} of a scenario. helm-java's lint takes no values file, so a scenario is linted on
     * a temporary copy of the chart whose values.yaml is values.yaml merged with the scenario's values the way
     * Helm merges {@code -f} files (maps merge key by key, everything else is replaced, null deletes).
     */
    static LintResult lint(String scenario) throws IOException {
        if (DEFAULT.equals(scenario)) {
            return new Helm(chartDir()).lint().strict().call();
        }
        Path copy = Files.createTempDirectory("backfire-lab-lint-").resolve("backfire-lab");
        try {
            copyTree(chartDir(), copy);
            JsonNode merged = merge(YAML.readTree(chartDir().resolve("values.yaml").toFile()),
                    YAML.readTree(valuesFile(scenario).toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
            return new Helm(copy).lint().strict().call();
        } finally {
            deleteTree(copy.getParent());
        }
    }

    /** Helm's coalescing of a values file over defaults. */
    static JsonNode merge(JsonNode defaults, JsonNode override) {
        if (!(defaults instanceof ObjectNode base) || !(override instanceof ObjectNode over)) {
            return override;
        }
        ObjectNode result = base.deepCopy();
        for (Map.Entry<String, JsonNode> field : over.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else if (result.has(field.getKey())) {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            } else {
                result.set(field.getKey(), field.getValue());
            }
        }
        return result;
    }

    /** One rendered document: the template it came from, its YAML text and its parsed tree. */
    record Document(String source, String text, JsonNode tree) {

        String kind() {
            return tree.path("kind").asText();
        }

        String name() {
            return tree.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + "/" + name() + " (" + source + ")";
        }
    }

    /** The non-empty documents of a render, in Helm's output order. */
    static List<Document> documents(String rendered) {
        List<Document> documents = new ArrayList<>();
        for (String text : DOCUMENT_SEPARATOR.split(rendered)) {
            JsonNode tree;
            try {
                tree = YAML.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("rendered YAML does not parse:\n" + text, e);
            }
            if (tree == null || tree.isMissingNode() || tree.isNull() || tree.isEmpty()) {
                continue;
            }
            Matcher source = SOURCE.matcher(text);
            documents.add(new Document(source.find() ? source.group(1) : "?", text.strip() + "\n", tree));
        }
        return documents;
    }

    static List<Document> documents(String rendered, String kind) {
        return documents(rendered).stream().filter(d -> d.kind().equals(kind)).toList();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
