package dev.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();

    private static Map<String, String> fields(String spec) {
        Map<String, String> fields = new HashMap<>();
        if (!spec.isEmpty()) {
            for (String pair : spec.split(";")) {
                String[] kv = pair.split(":", 2);
                fields.put(kv[0], kv[1]);
            }
        }
        return fields;
    }

    @ParameterizedTest(name = "[{0}] on [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                   | a:1                       | true",
            "metadata.name=web                    | metadata.name:web         | true",
            "metadata.name==web                   | metadata.name:web         | true",
            "metadata.name=web                    | metadata.name:db          | false",
            "metadata.name!=web                   | metadata.name:db          | true",
            "status.phase!=Running                | ''                        | true",
            "spec.nodeName=                       | ''                        | true",
            "spec.nodeName=                       | spec.nodeName:n1          | false",
            "spec.nodeName=n1,status.phase=Running | spec.nodeName:n1;status.phase:Running | true",
            "spec.nodeName=n1,status.phase=Running | spec.nodeName:n1;status.phase:Failed  | false",
            "a=x\\,y                              | a:x,y                     | true",
            "a=x\\=y                              | a:x=y                     | true",
            "a=x\\\\                              | a:x\\                     | true",
            "a=b,,                                | a:b                       | true"})
    void matches(String selector, String fields, boolean expected) {
        Map<String, String> values = fields(fields);
        assertThat(FieldSelector.parse(selector).matches(values::get)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "abc          | invalid selector: 'abc'; can't understand 'abc'",
            "a=b,c        | invalid selector: 'a=b,c'; can't understand 'c'",
            "a=b=c        | invalid field selector: unescaped character in value: 61",
            "a=x\\y       | invalid field selector: invalid escape sequence: \\y",
            "a=x\\        | invalid field selector: invalid escape sequence: \\"})
    void rejectsBadSyntaxWithKubernetesMessages(String selector, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOf(ApiException.class)
                .hasMessage(message)
                .extracting("code").isEqualTo(400);
    }

    @Test
    void fieldsTermsAndExactMatch() {
        FieldSelector selector = FieldSelector.parse("spec.nodeName=n1,metadata.name!=x");
        assertThat(selector.fields()).containsExactlyInAnyOrder("spec.nodeName", "metadata.name");
        assertThat(selector.requiresExactMatch("spec.nodeName")).contains("n1");
        assertThat(selector.requiresExactMatch("metadata.name")).isEmpty();
        assertThat(FieldSelector.parse("a=x\\,y").toString()).isEqualTo("a=x\\,y");
        assertThat(FieldSelector.parse("").isEmpty()).isTrue();
    }

    private static final String POD = """
            {"metadata":{"name":"web-1","namespace":"prod"},
             "spec":{"nodeName":"n1","restartPolicy":"Always","schedulerName":"default-scheduler",
                     "serviceAccountName":"default","hostNetwork":true},
             "status":{"phase":"Running","podIP":"10.42.0.9","podIPs":[{"ip":"10.42.0.9"},{"ip":"fd00::9"}]}}""";

    @ParameterizedTest(name = "{0}/{1} {2}")
    @CsvSource(delimiter = '|', nullValues = "EMPTY", value = {
            "v1 | Pod        | metadata.name              | web-1",
            "v1 | Pod        | metadata.namespace         | prod",
            "v1 | Pod        | spec.nodeName              | n1",
            "v1 | Pod        | spec.host                  | n1",
            "v1 | Pod        | spec.restartPolicy         | Always",
            "v1 | Pod        | spec.schedulerName         | default-scheduler",
            "v1 | Pod        | spec.serviceAccountName    | default",
            "v1 | Pod        | spec.hostNetwork           | true",
            "v1 | Pod        | status.phase               | Running",
            "v1 | Pod        | status.podIP               | 10.42.0.9",
            "v1 | Pod        | status.nominatedNodeName   | ''",
            "v1 | Pod        | status.hostIP              | EMPTY",
            "v1 | Pod        | metadata.labels            | EMPTY",
            "v1 | ConfigMap  | metadata.name              | web-1",
            "v1 | ConfigMap  | metadata.namespace         | prod",
            "v1 | ConfigMap  | data.key                   | EMPTY",
            "v1 | Node       | metadata.name              | web-1",
            "v1 | Node       | metadata.namespace         | EMPTY",
            "v1 | Node       | spec.unschedulable         | false",
            "v1 | Namespace  | status.phase               | Running",
            "v1 | Secret     | type                       | ''",
            "v1 | Service    | spec.type                  | ''",
            "v1 | ReplicationController | status.replicas   | 0",
            "apps/v1 | ReplicaSet  | status.replicas       | 0",
            "apps/v1 | Deployment  | status.replicas       | EMPTY",
            "batch/v1 | Job        | status.successful     | 0",
            "rbac.authorization.k8s.io/v1 | ClusterRole | metadata.namespace | prod"})
    void valueOfSelectableFields(String apiVersion, String kind, String field, String expected) throws IOException {
        ResourceType type = REGISTRY.byKind(apiVersion, kind).orElseThrow();
        JsonNode object = Json.MAPPER.readTree(POD);
        assertThat(FieldSelector.valueOf(type, object, field).orElse(null)).isEqualTo(expected);
    }

    @Test
    void eventFields() throws IOException {
        ResourceType events = REGISTRY.byKind("v1", "Event").orElseThrow();
        JsonNode event = Json.MAPPER.readTree("""
                {"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"web-1","uid":"u1"},
                 "reason":"Started","type":"Normal","source":{"component":"kubelet"}}""");
        assertThat(FieldSelector.parse("involvedObject.kind=Pod,involvedObject.name=web-1,reason=Started,"
                + "type=Normal,source=kubelet,involvedObject.uid=u1").matches(events, event)).isTrue();
        assertThat(FieldSelector.parse("involvedObject.name=web-2").matches(events, event)).isFalse();
    }

    @ParameterizedTest(name = "{1} by {2}")
    @CsvSource(delimiter = '|', value = {
            "v1       | Pod        | status.hostIP=1.2.3.4 | field label not supported: status.hostIP",
            "v1       | Node       | metadata.namespace=x  | field label not supported: metadata.namespace",
            "apps/v1  | Deployment | spec.replicas=1       | \"spec.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\""})
    void unsupportedFieldsAreBadRequests(String apiVersion, String kind, String selector, String message) {
        ResourceType type = REGISTRY.byKind(apiVersion, kind).orElseThrow();
        assertThatThrownBy(() -> FieldSelector.parse(selector).requireSupportedBy(type))
                .isInstanceOf(ApiException.class).hasMessage(message).extracting("code").isEqualTo(400);
    }

    @Test
    void supportedFieldsPass() {
        ResourceType pods = REGISTRY.byKind("v1", "Pod").orElseThrow();
        FieldSelector.parse("spec.nodeName=n1,status.phase!=Failed,metadata.name=x").requireSupportedBy(pods);
    }
}
