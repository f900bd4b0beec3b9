package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {

    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"first","name":"web","labels":{"app":"web"},"extraMeta":"x"},
             "spec":{"foo":"bar","twice":1,"twice":2,"paused":true,"paused":false,
              "selector":{"matchLabels":{"app":"web"}},
              "template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"web","imagee":"nginx","image":"nginx",
                 "ports":[{"containerPort":80,"hostPort":1,"hostPort":2}],
                 "resources":{"limits":{"cpu":"1"}}}]}}}}""";

    @Test
    void reportsUnknownAndDuplicateFieldsInDocumentOrder() {
        List<String> problems = UnknownFields.check(Deployment.class, DEPLOYMENT.getBytes(StandardCharsets.UTF_8));
        assertThat(problems).containsExactly(
                "duplicate field \"metadata.name\"",
                "unknown field \"metadata.extraMeta\"",
                "unknown field \"spec.foo\"",
                "unknown field \"spec.twice\"",
                "duplicate field \"spec.paused\"",
                "unknown field \"spec.template.spec.containers[0].imagee\"",
                "duplicate field \"spec.template.spec.containers[0].ports[0].hostPort\"");
        assertThat(UnknownFields.strictError(problems.subList(2, 3)))
                .isEqualTo("strict decoding error: unknown field \"spec.foo\"");
    }

    @Test
    void findsUnknownFieldsInDecodedTrees() {
        var tree = Objects.parse(DEPLOYMENT);
        assertThat(UnknownFields.find(Deployment.class, tree)).containsExactly(
                "unknown field \"metadata.extraMeta\"",
                "unknown field \"spec.foo\"",
                "unknown field \"spec.twice\"",
                "unknown field \"spec.template.spec.containers[0].imagee\"");
    }

    /** Free-form values (IntOrString, Quantity, maps of strings, raw JSON) accept anything inside them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "service targetPort name | {\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":\"http\"}]}}",
            "labels and annotations | {\"metadata\":{\"labels\":{\"any\":\"x\"},\"annotations\":{\"a/b\":\"c\"}}}",
            "status fields | {\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"1.2.3.4\"}]}}}",
    })
    void knownShapesPass(String name, String json) {
        assertThat(UnknownFields.check(Service.class, json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void quantitiesAndConfigMapDataAreLeaves() {
        String pod = "{\"spec\":{\"containers\":[{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"100m\"}},"
                + "\"livenessProbe\":{\"httpGet\":{\"port\":\"http\",\"path\":\"/\"}}}],\"overhead\":{\"cpu\":1}}}";
        assertThat(UnknownFields.check(Pod.class, pod.getBytes(StandardCharsets.UTF_8))).isEmpty();
        String cm = "{\"data\":{\"a\":\"1\",\"a\":\"2\"},\"binaryData\":{\"b\":\"AA==\"},\"immutable\":true}";
        assertThat(UnknownFields.check(ConfigMap.class, cm.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("duplicate field \"data.a\"");
    }

    @Test
    void duplicatesOnlyWithoutAModel() {
        String json = "{\"spec\":{\"x\":1,\"x\":2,\"anything\":{\"y\":[{\"z\":1,\"z\":1}]}}}";
        assertThat(UnknownFields.duplicates(json.getBytes(StandardCharsets.UTF_8)))
                .containsExactly("duplicate field \"spec.x\"", "duplicate field \"spec.anything.y[0].z\"");
    }
}
