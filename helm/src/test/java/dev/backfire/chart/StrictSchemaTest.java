package dev.backfire.chart;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strict check can fail: misspelt fields, wrong types and unknown kinds are caught. */
class StrictSchemaTest {

    private static final String BROKEN_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo-orchestrator
              labelz:
                app: demo
            spec:
              replica: 2
              selector:
                matchLabels:
                  app: demo
              template:
                metadata:
                  labels:
                    app: demo
                spec:
                  containers:
                    - name: orchestrator
                      image: example/orchestrator:1
                      ports:
                        - name: http
                          containerPortt: 8080
                      readinessProbe:
                        httpGet:
                          path: /q/health/ready
                          port: http
                          schema: HTTP
            """;

    @Test
    void reportsEveryUnknownFieldWithItsPath() {
        KubernetesResource deployment = StrictSchema.unmarshal(BROKEN_DEPLOYMENT);

        Set<String> unknown = StrictSchema.unknownFields(deployment);

        assertEquals(Set.of(
                ".metadata.labelz",
                ".spec.replica",
                ".spec.template.spec.containers[0].ports[0].containerPortt",
                ".spec.template.spec.containers[0].readinessProbe.httpGet.schema"), unknown);
    }

    @Test
    void acceptsTheSameDeploymentWhenSpelledRight() {
        String fixed = BROKEN_DEPLOYMENT.replace("labelz:", "labels:").replace("replica:", "replicas:")
                .replace("containerPortt", "containerPort").replace("schema: HTTP", "scheme: HTTP");

        assertEquals(Set.of(), StrictSchema.unknownFields(StrictSchema.unmarshal(fixed)));
    }

    @Test
    void rejectsAWrongType() {
        String wrongType = BROKEN_DEPLOYMENT.replace("replica: 2", "replicas: two");

        AssertionError error = assertThrows(AssertionError.class, () -> StrictSchema.unmarshal(wrongType));
        assertTrue(error.getMessage().contains("does not unmarshal"), error.getMessage());
    }

    @Test
    void rejectsAKindWithoutTypedClass() {
        String custom = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec:
                  size: 1
                """;

        assertThrows(AssertionError.class, () -> StrictSchema.unmarshal(custom));
    }
}
