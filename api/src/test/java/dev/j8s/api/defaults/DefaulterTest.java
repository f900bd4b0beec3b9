package dev.j8s.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaulterTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

    private static ObjectNode defaulted(String group, String plural, String json) throws Exception {
        ResourceType type = REGISTRY.byResource(group, "v1", plural).orElseThrow();
        ObjectNode o = (ObjectNode) Json.parse(json.getBytes(StandardCharsets.UTF_8));
        Defaulter.apply(type, o);
        return o;
    }

    /** What `kubectl create deployment nginx --image=nginx` is stored as in Kubernetes. */
    @Test
    void deploymentLikeKubernetes() throws Exception {
        ObjectNode d = defaulted("apps", "deployments", """
                {"metadata":{"name":"nginx"},"spec":{"selector":{"matchLabels":{"app":"nginx"}},
                 "template":{"metadata":{"labels":{"app":"nginx"}},
                  "spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}]}]}}}}""");
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asText()).isEqualTo("25%");
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(d.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(d.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
        assertThat(d.at("/spec/template/spec/dnsPolicy").asText()).isEqualTo("ClusterFirst");
        assertThat(d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(d.at("/spec/template/spec/schedulerName").asText()).isEqualTo("default-scheduler");
        assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(d.at("/spec/template/spec/containers/0/terminationMessagePath").asText())
                .isEqualTo("/dev/termination-log");
        assertThat(d.at("/spec/template/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
    }

    @Test
    void recreateStrategyGetsNoRollingUpdate() throws Exception {
        ObjectNode d = defaulted("apps", "deployments", "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");
        assertThat(d.at("/spec/strategy").has("rollingUpdate")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"nginx,Always", "nginx:latest,Always", "nginx:1.25,IfNotPresent", "reg:5000/app,Always",
        "reg:5000/app:v2,IfNotPresent", "app@sha256:abc,IfNotPresent"})
    void imagePullPolicy(String image, String expected) {
        assertThat(PodDefaults.pullPolicy(image)).isEqualTo(expected);
    }

    @Test
    void serviceTargetPortFollowsPort() throws Exception {
        ObjectNode s = defaulted("", "services", "{\"spec\":{\"ports\":[{\"port\":80}]}}");
        assertThat(s.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(s.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
        assertThat(s.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(s.at("/spec/sessionAffinity").asText()).isEqualTo("None");
    }

    @Test
    void jobsAndNamespaces() throws Exception {
        ObjectNode j = defaulted("batch", "jobs", "{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Never\"}}}}");
        assertThat(j.at("/spec/completions").asInt()).isEqualTo(1);
        assertThat(j.at("/spec/parallelism").asInt()).isEqualTo(1);
        assertThat(j.at("/spec/backoffLimit").asInt()).isEqualTo(6);
        assertThat(j.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
        ObjectNode ns = defaulted("", "namespaces", "{\"metadata\":{\"name\":\"team\"}}");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("team");
    }
}
