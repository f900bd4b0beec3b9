package dev.j8s.api.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategicMergePatchTest {

    private static final String DEPLOY = """
            {"metadata":{"name":"d","labels":{"app":"d","team":"x"},"finalizers":["a","b"]},
             "spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
              "template":{"spec":{"containers":[
                {"name":"main","image":"v1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                 "ports":[{"containerPort":80}]},
                {"name":"side","image":"s1"}]}}}}""";

    static Stream<Arguments> deploymentCases() {
        return Stream.of(
                Arguments.of("label added (kubectl label)", "{\"metadata\":{\"labels\":{\"new\":\"y\"}}}",
                        "/metadata/labels", "{\"app\":\"d\",\"team\":\"x\",\"new\":\"y\"}"),
                Arguments.of("label removed (kubectl label team-)", "{\"metadata\":{\"labels\":{\"team\":null}}}",
                        "/metadata/labels", "{\"app\":\"d\"}"),
                Arguments.of("scale", "{\"spec\":{\"replicas\":5}}", "/spec/replicas", "5"),
                Arguments.of("set image merges containers by name",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"v2\"}]}}}}",
                        "/spec/template/spec/containers",
                        "[{\"name\":\"main\",\"image\":\"v2\",\"env\":[{\"name\":\"A\",\"value\":\"1\"},"
                                + "{\"name\":\"B\",\"value\":\"2\"}],\"ports\":[{\"containerPort\":80}]},"
                                + "{\"name\":\"side\",\"image\":\"s1\"}]"),
                Arguments.of("apply removes a container",
                        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"main\"}],"
                                + "\"containers\":[{\"$patch\":\"delete\",\"name\":\"side\"}]}}}}",
                        "/spec/template/spec/containers/1", null),
                Arguments.of("apply removes an env var",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\","
                                + "\"$setElementOrder/env\":[{\"name\":\"A\"}],"
                                + "\"env\":[{\"$patch\":\"delete\",\"name\":\"B\"}]}]}}}}",
                        "/spec/template/spec/containers/0/env", "[{\"name\":\"A\",\"value\":\"1\"}]"),
                Arguments.of("new env var appended",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\","
                                + "\"env\":[{\"name\":\"C\",\"value\":\"3\"}]}]}}}}",
                        "/spec/template/spec/containers/0/env/2", "{\"name\":\"C\",\"value\":\"3\"}"),
                Arguments.of("element order follows the patch",
                        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":"
                                + "[{\"name\":\"side\"},{\"name\":\"main\"}]}}}}",
                        "/spec/template/spec/containers/0/name", "\"side\""),
                Arguments.of("retainKeys drops rollingUpdate when switching to Recreate",
                        "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\",\"rollingUpdate\":null}}}",
                        "/spec/strategy", "{\"type\":\"Recreate\"}"),
                Arguments.of("finalizers merge as a set",
                        "{\"metadata\":{\"finalizers\":[\"b\",\"c\"]}}", "/metadata/finalizers", "[\"a\",\"b\",\"c\"]"),
                Arguments.of("deleteFromPrimitiveList",
                        "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"]}}", "/metadata/finalizers",
                        "[\"b\"]"),
                Arguments.of("list $patch replace",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"$patch\":\"replace\"},"
                                + "{\"name\":\"only\",\"image\":\"o\"}]}}}}",
                        "/spec/template/spec/containers", "[{\"name\":\"only\",\"image\":\"o\"}]"),
                Arguments.of("map $patch replace",
                        "{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"z\":\"1\"}}}", "/metadata/labels",
                        "{\"z\":\"1\"}"),
                Arguments.of("map $patch delete", "{\"spec\":{\"strategy\":{\"$patch\":\"delete\"}}}", "/spec/strategy",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deploymentCases")
    void deployments(String name, String patch, String pointer, String expected) throws Exception {
        JsonNode result = StrategicMergePatch.apply(json(DEPLOY), json(patch), Deployment.class);
        if (expected == null) {
            assertThat(result.at(pointer).isMissingNode()).as(result.toString()).isTrue();
        } else {
            assertThat(result.at(pointer)).isEqualTo(json(expected));
        }
    }

    @ParameterizedTest
    @MethodSource("serviceCases")
    void servicePortsMergeByPort(String patch, String expected) throws Exception {
        String svc = "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080},{\"port\":443}]}}";
        assertThat(StrategicMergePatch.apply(json(svc), json(patch), Service.class).at("/spec/ports"))
                .isEqualTo(json(expected));
    }

    static Stream<Arguments> serviceCases() {
        return Stream.of(
                Arguments.of("{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090}]}}",
                        "[{\"port\":80,\"targetPort\":9090},{\"port\":443}]"),
                Arguments.of("{\"spec\":{\"ports\":[{\"port\":8443}]}}",
                        "[{\"port\":80,\"targetPort\":8080},{\"port\":443},{\"port\":8443}]"));
    }

    @ParameterizedTest
    @MethodSource("badPatches")
    void malformedPatchesAreBadRequests(String patch) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(json(DEPLOY), json(patch), Deployment.class))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    static Stream<String> badPatches() {
        return Stream.of("[]", "{\"$patch\":\"explode\"}",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"no-name\"}]}}}}",
                "{\"metadata\":{\"$setElementOrder/finalizers\":7}}");
    }

    @ParameterizedTest
    @MethodSource("mergePatchCases")
    void mergePatch(String target, String patch, String expected) throws Exception {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
        assertThat(StrategicMergePatch.apply(json(target), json(patch), ConfigMap.class))
                .as("SMP equals merge patch where no list strategies apply").isEqualTo(json(expected));
    }

    static Stream<Arguments> mergePatchCases() {
        return Stream.of(
                Arguments.of("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
                Arguments.of("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
                Arguments.of("{\"a\":[1,2]}", "{\"a\":[3]}", "{\"a\":[3]}"),
                Arguments.of("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"));
    }

    private static JsonNode json(String s) throws Exception {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }
}
