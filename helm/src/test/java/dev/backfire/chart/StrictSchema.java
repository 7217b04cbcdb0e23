package dev.backfire.chart;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * kubeconform-style strict validation of a Kubernetes manifest against the fabric8 model, offline.
 *
 * <p>fabric8 maps a document to its typed class ({@code Deployment}, {@code Service}, ...) and keeps every key
 * that its schema does not know in {@code additionalProperties}; a wrong type (a string for an integer) fails
 * the unmarshal itself. {@link #unknownFields} walks the typed object and reports every such key with its path,
 * e.g. {@code .spec.template.spec.containers[0].ports[0].containerPortt}.
 */
final class StrictSchema {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictSchema() {
    }

    /**
     * Unmarshals one YAML document into its typed fabric8 class.
     *
     * @throws AssertionError when the kind has no typed class (it would be a GenericKubernetesResource) or the
     *                        document does not fit the schema's types
     */
    static KubernetesResource unmarshal(String yaml) {
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.unmarshal(yaml, KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new AssertionError("does not unmarshal into its fabric8 type: " + e.getMessage(), e);
        }
        if (resource == null || resource instanceof GenericKubernetesResource) {
            throw new AssertionError("no typed fabric8 class for this document:\n" + yaml);
        }
        return resource;
    }

    /** Paths of every field the schema does not know, sorted; empty when the object is schema-clean. */
    static Set<String> unknownFields(Object typed) {
        Set<String> unknown = new TreeSet<>();
        walk(typed, "", unknown, new IdentityHashMap<>());
        return unknown;
    }

    private static void walk(Object value, String path, Set<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || isLeaf(value) || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Field field : fields(value.getClass())) {
            Object fieldValue = read(field, value);
            if (field.getName().equals("additionalProperties")) {
                if (fieldValue instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(k -> unknown.add(path + "." + k));
                }
                continue;
            }
            JsonProperty property = field.getAnnotation(JsonProperty.class);
            String name = property != null && !property.value().isEmpty() ? property.value() : field.getName();
            walk(fieldValue, path + "." + name, unknown, seen);
        }
    }

    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value.getClass().isPrimitive();
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
