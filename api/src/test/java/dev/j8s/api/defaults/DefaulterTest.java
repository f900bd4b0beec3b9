package dev.j8s.api.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaulterTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

    /** Request bodies kubectl sends, and what a real 1.32 cluster stores for them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "deployment-nginx, apps, v1, deployments",
            "pod-run,          '',   v1, pods",
            "service-expose,   '',   v1, services",
            "cronjob-hello,    batch, v1, cronjobs",
            "namespace,        '',   v1, namespaces",
            "statefulset,      apps, v1, statefulsets",
            "daemonset,        apps, v1, daemonsets",
    })
    void defaultsLikeKubernetes(String golden, String group, String version, String plural) throws IOException {
        ObjectNode object = (ObjectNode) read(golden + ".in.json");
        Defaulter.apply(type(group, version, plural), object);
        assertThat(object).isEqualTo(read(golden + ".out.json"));
    }

    @Test
    void secretStringDataIsMergedIntoDataAndNotKept() throws IOException {
        ObjectNode secret = (ObjectNode) Json.MAPPER.readTree("""
                {"metadata":{"name":"s"},"data":{"a":"b2xk","keep":"eA=="},"stringData":{"a":"new","pw":"hünter2"}}""");
        Defaulter.apply(type("", "v1", "secrets"), secret);
        assertThat(secret.has("stringData")).isFalse();
        assertThat(secret.get("data")).isEqualTo(Json.MAPPER.readTree(
                "{\"a\":\"bmV3\",\"keep\":\"eA==\",\"pw\":\"aMO8bnRlcjI=\"}"));
        assertThat(secret.get("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void priorityClassesPreemptLowerPrioritiesByDefault() throws IOException {
        ObjectNode pc = (ObjectNode) Json.MAPPER.readTree("{\"metadata\":{\"name\":\"high\"},\"value\":10}");
        Defaulter.apply(type("scheduling.k8s.io", "v1", "priorityclasses"), pc);
        assertThat(pc.get("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
    }

    @Test
    void defaultingTwiceChangesNothing() throws IOException {
        ObjectNode object = (ObjectNode) read("deployment-nginx.in.json");
        ResourceType deployments = type("apps", "v1", "deployments");
        Defaulter.apply(deployments, object);
        ObjectNode once = object.deepCopy();
        Defaulter.apply(deployments, object);
        assertThat(object).isEqualTo(once);
    }

    @Test
    void jobGetsCompletionDefaultsAndGeneratedSelector() throws IOException {
        ObjectNode job = (ObjectNode) Json.MAPPER.readTree("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi","namespace":"default"},
                 "spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}],"restartPolicy":"Never"}}}}""");
        Defaulter.apply(type("batch", "v1", "jobs"), job);
        Defaulter.applyJobSelector(job, "uid-1");

        JsonNode spec = job.get("spec");
        assertThat(spec.get("completions").asInt()).isEqualTo(1);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(1);
        assertThat(spec.get("backoffLimit").asInt()).isEqualTo(6);
        assertThat(spec.get("completionMode").asText()).isEqualTo("NonIndexed");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("manualSelector").asBoolean()).isFalse();
        assertThat(spec.get("podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
        assertThat(spec.get("selector")).isEqualTo(Json.MAPPER.readTree(
                "{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"uid-1\"}}"));
        JsonNode expectedLabels = Json.MAPPER.readTree("""
                {"job-name":"pi","batch.kubernetes.io/job-name":"pi",
                 "controller-uid":"uid-1","batch.kubernetes.io/controller-uid":"uid-1"}""");
        assertThat(spec.at("/template/metadata/labels")).isEqualTo(expectedLabels);
        assertThat(job.at("/metadata/labels")).isEqualTo(expectedLabels);
        assertThat(spec.at("/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    }

    @Test
    void manualSelectorKeepsTheUsersSelector() throws IOException {
        ObjectNode job = (ObjectNode) Json.MAPPER.readTree("""
                {"metadata":{"name":"pi"},"spec":{"manualSelector":true,"selector":{"matchLabels":{"a":"b"}},
                 "template":{"metadata":{"labels":{"a":"b"}}}}}""");
        Defaulter.applyJobSelector(job, "uid-1");
        assertThat(job.at("/spec/selector/matchLabels").size()).isEqualTo(1);
        assertThat(job.at("/spec/template/metadata/labels").size()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.27, IfNotPresent",
            "registry.local:5000/nginx, Always",
            "registry.local:5000/nginx:1.2, IfNotPresent",
            "nginx@sha256:abc, IfNotPresent",
            "nginx:latest@sha256:abc, Always",
    })
    void imagePullPolicyFollowsTheTag(String image, String policy) {
        assertThat(ImageReference.defaultPullPolicy(image)).isEqualTo(policy);
    }

    @Test
    void serviceOfTypeNodePortGetsExternalTrafficPolicy() throws IOException {
        ObjectNode svc = (ObjectNode) Json.MAPPER.readTree("""
                {"metadata":{"name":"web"},"spec":{"type":"NodePort","ports":[{"port":80,"targetPort":"http"}]}}""");
        Defaulter.apply(type("", "v1", "services"), svc);
        assertThat(svc.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void secretTypeAndVolumeModesAreDefaulted() throws IOException {
        ObjectNode secret = (ObjectNode) Json.MAPPER.readTree("{\"metadata\":{\"name\":\"s\"}}");
        Defaulter.apply(type("", "v1", "secrets"), secret);
        assertThat(secret.get("type").asText()).isEqualTo("Opaque");

        ObjectNode pod = (ObjectNode) Json.MAPPER.readTree("""
                {"spec":{"containers":[{"name":"c","image":"x"}],
                 "volumes":[{"name":"a"},{"name":"b","secret":{"secretName":"s"}},{"name":"c","configMap":{"name":"c"}}]}}""");
        Defaulter.apply(type("", "v1", "pods"), pod);
        assertThat(pod.at("/spec/volumes/0/emptyDir").isObject()).isTrue();
        assertThat(pod.at("/spec/volumes/1/secret/defaultMode").asInt()).isEqualTo(420);
        assertThat(pod.at("/spec/volumes/2/configMap/defaultMode").asInt()).isEqualTo(420);
    }

    private static ResourceType type(String group, String version, String plural) {
        return REGISTRY.byResource(group, version, plural).orElseThrow();
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = DefaulterTest.class.getResourceAsStream("/defaults/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }
}
