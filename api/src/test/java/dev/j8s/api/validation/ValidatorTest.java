package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {

    private static final String SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
            + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String CONTAINER = "spec.template.spec.containers[0]";

    static Stream<Arguments> creates() {
        return Stream.of(
                // metadata
                arguments("deployments", "{}", List.of()),
                arguments("deployments", "{\"metadata\":{\"name\":\"Web_1\"}}",
                        List.of("metadata.name: Invalid value: \"Web_1\": " + SUBDOMAIN_ERR)),
                arguments("deployments", "{\"metadata\":{\"name\":null,\"generateName\":\"web-\"}}", List.of()),
                arguments("deployments", "{\"metadata\":{\"name\":null}}",
                        List.of("metadata.name: Required value: name or generateName is required")),
                arguments("deployments", "{\"metadata\":{\"namespace\":null}}",
                        List.of("metadata.namespace: Required value")),
                arguments("deployments", "{\"metadata\":{\"labels\":{\"-bad\":\"x\"}}}",
                        List.of("metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric "
                                + "characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                                + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                arguments("deployments", "{\"metadata\":{\"labels\":{\"app\":\"a b\"}}}",
                        List.of("metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or "
                                + "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                                + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
                arguments("deployments", "{\"metadata\":{\"annotations\":{\"big\":\"" + "x".repeat(256 * 1024) + "\"}}}",
                        List.of("metadata.annotations: Too long: may not be more than 262144 bytes")),
                // Deployment spec
                arguments("deployments", "{\"spec\":{\"replicas\":-1}}",
                        List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
                arguments("deployments", "{\"spec\":{\"selector\":null}}", List.of("spec.selector: Required value")),
                arguments("deployments", "{\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"other\"}}}}",
                        List.of("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                                + "`selector` does not match template `labels`")),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[]}}}}",
                        List.of("spec.template.spec.containers: Required value")),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"Web\",\"image\":\"x\"}]}}}}",
                        List.of(CONTAINER + ".name: Invalid value: \"Web\": " + LABEL_ERR)),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x\"},"
                        + "{\"name\":\"web\",\"image\":\"y\"}]}}}}",
                        List.of("spec.template.spec.containers[1].name: Duplicate value: \"web\"")),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\"}]}}}}",
                        List.of(CONTAINER + ".image: Required value")),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x\","
                        + "\"ports\":[{\"containerPort\":70000,\"protocol\":\"HTTP\"}]}]}}}}",
                        List.of(CONTAINER + ".ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                                CONTAINER + ".ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                arguments("deployments", "{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Never\"}}}}",
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")),
                arguments("deployments", "{\"spec\":{\"strategy\":{\"type\":\"Blue\",\"rollingUpdate\":null}}}",
                        List.of("spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:\"Blue\", "
                                + "RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: \"Recreate\", \"RollingUpdate\"")),
                arguments("deployments", "{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":0}}}}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, "
                                + "IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0")),
                arguments("deployments", "{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxUnavailable\":\"150%\"}}}}",
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, "
                                + "IntVal:0, StrVal:\"150%\"}: must not be greater than 100%")),
                // Pod spec
                arguments("pods", "{}", List.of()),
                arguments("pods", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x\",\"volumeMounts\":"
                        + "[{\"name\":\"data\",\"mountPath\":\"/data\"}]}]}}",
                        List.of("spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
                arguments("pods", "{\"spec\":{\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}},{\"name\":\"v\",\"emptyDir\":{}}]}}",
                        List.of("spec.volumes[1].name: Duplicate value: \"v\"")),
                arguments("pods", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x\",\"resources\":"
                        + "{\"limits\":{\"cpu\":\"1\"},\"requests\":{\"cpu\":\"2\"}}}]}}",
                        List.of("spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1")),
                arguments("pods", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"x\",\"env\":[{\"name\":\"A=B\"}]}]}}",
                        List.of("spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable "
                                + "name must consist only of printable ASCII characters other than '='")),
                arguments("pods", "{\"spec\":{\"restartPolicy\":\"Sometimes\"}}",
                        List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
                // Service
                arguments("services", "{}", List.of()),
                arguments("services", "{\"metadata\":{\"name\":\"1web\"}}",
                        List.of("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case "
                                + "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                                + "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                                + "'[a-z]([-a-z0-9]*[a-z0-9])?')")),
                arguments("services", "{\"spec\":{\"ports\":[]}}", List.of("spec.ports: Required value")),
                arguments("services", "{\"spec\":{\"clusterIP\":\"None\",\"ports\":[]}}", List.of()),
                arguments("services", "{\"spec\":{\"ports\":[{\"port\":80,\"protocol\":\"TCP\"},{\"port\":81,\"protocol\":\"TCP\"}]}}",
                        List.of("spec.ports[0].name: Required value", "spec.ports[1].name: Required value")),
                arguments("services", "{\"spec\":{\"type\":\"Magic\"}}",
                        List.of("spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", "
                                + "\"ExternalName\", \"LoadBalancer\", \"NodePort\"")),
                arguments("services", "{\"spec\":{\"ports\":[{\"port\":0,\"protocol\":\"TCP\"}]}}",
                        List.of("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")),
                // ConfigMap, Secret, Namespace
                arguments("configmaps", "{\"data\":{\"bad key\":\"v\"}}",
                        List.of("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of "
                                + "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                                + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")),
                arguments("configmaps", "{\"data\":{\"big\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}}",
                        List.of("Too long: may not be more than 1048576 bytes")),
                arguments("secrets", "{\"type\":\"kubernetes.io/tls\"}",
                        List.of("data[tls.key]: Required value", "data[tls.crt]: Required value")),
                arguments("namespaces", "{\"metadata\":{\"name\":\"Team\"}}",
                        List.of("metadata.name: Invalid value: \"Team\": " + LABEL_ERR)),
                // Job, CronJob
                arguments("jobs", "{}", List.of()),
                arguments("jobs", "{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"Always\"}}}}",
                        List.of("spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"")),
                arguments("jobs", "{\"spec\":{\"completions\":-1,\"parallelism\":-2}}",
                        List.of("spec.parallelism: Invalid value: -2: must be greater than or equal to 0",
                                "spec.completions: Invalid value: -1: must be greater than or equal to 0")),
                arguments("cronjobs", "{}", List.of()),
                arguments("cronjobs", "{\"spec\":{\"schedule\":\"@hourly\"}}", List.of()),
                arguments("cronjobs", "{\"spec\":{\"schedule\":\"61 * * * *\"}}",
                        List.of("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61")),
                arguments("cronjobs", "{\"spec\":{\"concurrencyPolicy\":\"Sometimes\"}}",
                        List.of("spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: "
                                + "\"Allow\", \"Forbid\", \"Replace\"")),
                // Ingress
                arguments("ingresses", "{}", List.of()),
                arguments("ingresses", "{\"spec\":{\"rules\":[{\"host\":\"Web.example.com\",\"http\":{\"paths\":[{\"path\":\"api\","
                        + "\"pathType\":\"Prefix\",\"backend\":{\"service\":{\"name\":\"web\",\"port\":{}}}}]}}]}}",
                        List.of("spec.rules[0].host: Invalid value: \"Web.example.com\": " + SUBDOMAIN_ERR,
                                "spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path",
                                "spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required")),
                arguments("ingresses", "{\"spec\":{\"rules\":[{\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Regex\","
                        + "\"backend\":{\"service\":{\"name\":\"web\",\"port\":{\"name\":\"http\"}}}}]}}]}}",
                        List.of("spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values: "
                                + "\"Exact\", \"ImplementationSpecific\", \"Prefix\"")),
                arguments("ingresses", "{\"spec\":{\"rules\":[{\"host\":\"*.example.com\",\"http\":{\"paths\":[{\"path\":\"/\","
                        + "\"pathType\":\"Exact\",\"backend\":{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}]}}]}}",
                        List.of()),
                // Lease
                arguments("leases", "{}", List.of()),
                arguments("leases", "{\"spec\":{\"leaseDurationSeconds\":0}}",
                        List.of("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0")));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("creates")
    void validatesCreates(String plural, String patch, List<String> expected) {
        assertThat(Objects.validate(plural, Objects.object(plural, patch), null)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                arguments("deployments", "{}", "{\"spec\":{\"replicas\":3}}", List.of()),
                arguments("deployments", "{}", "{\"metadata\":{\"name\":\"web2\"}}",
                        List.of("metadata.name: Invalid value: \"web2\": field is immutable")),
                arguments("deployments", "{}", "{\"spec\":{\"selector\":{\"matchLabels\":{\"tier\":\"x\"}},"
                        + "\"template\":{\"metadata\":{\"labels\":{\"tier\":\"x\"}}}}}",
                        List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
                                + "\"tier\":\"x\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable")),
                arguments("configmaps", "{\"immutable\":true}", "{\"immutable\":true,\"data\":{\"a\":\"2\"}}",
                        List.of("data: Forbidden: field is immutable when `immutable` is set")),
                arguments("configmaps", "{\"immutable\":true}", "{\"immutable\":false}",
                        List.of("immutable: Forbidden: field is immutable when `immutable` is set")),
                arguments("configmaps", "{}", "{\"data\":{\"a\":\"2\"}}", List.of()),
                arguments("secrets", "{}", "{\"type\":\"example.com/custom\"}",
                        List.of("type: Invalid value: \"example.com/custom\": field is immutable")),
                arguments("services", "{\"spec\":{\"clusterIP\":\"10.43.0.10\"}}", "{\"spec\":{\"clusterIP\":\"10.43.0.11\"}}",
                        List.of("spec.clusterIPs[0]: Invalid value: []string{\"10.43.0.11\"}: may not change once set")),
                arguments("services", "{\"spec\":{\"clusterIP\":\"10.43.0.10\"}}", "{\"spec\":{\"clusterIP\":null}}", List.of()),
                arguments("jobs", "{}", "{\"spec\":{\"completions\":5}}",
                        List.of("spec.completions: Invalid value: 5: field is immutable")),
                arguments("pods", "{}", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2\","
                        + "\"imagePullPolicy\":\"Always\",\"resources\":{},\"terminationMessagePath\":\"/dev/termination-log\","
                        + "\"terminationMessagePolicy\":\"File\"}]}}", List.of()),
                arguments("pods", "{}", "{\"spec\":{\"restartPolicy\":\"Never\"}}",
                        List.of("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                                + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
                                + "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                                + "(allow it to be set to 1 if it was previously negative)")));
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @MethodSource("updates")
    void validatesUpdates(String plural, String oldPatch, String newPatch, List<String> expected) {
        ObjectNode old = Objects.object(plural, oldPatch);
        ObjectNode updated = Objects.object(plural, oldPatch);
        updated = (ObjectNode) Objects.parse(updated.toString());
        ObjectNode merged = mergeInto(updated, Objects.parse(newPatch));
        assertThat(Objects.validate(plural, merged, old)).containsExactlyElementsOf(expected);
    }

    @Test
    void startedJobTemplateIsImmutable() {
        ObjectNode old = Objects.object("jobs", "{}");
        ObjectNode updated = Objects.object("jobs", "{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"OnFailure\"}}}}");
        assertThat(Objects.validate("jobs", updated, old)).singleElement().asString()
                .startsWith("spec.template: Invalid value: ").endsWith(": field is immutable");
    }

    @Test
    void causesCarryKubernetesReasons() {
        var causes = Validator.validate(Objects.type("deployments"),
                Objects.object("deployments", "{\"spec\":{\"selector\":null,\"replicas\":-1}}"), null);
        assertThat(causes).extracting(c -> c.reason() + " " + c.field())
                .containsExactly("FieldValueInvalid spec.replicas", "FieldValueRequired spec.selector");
    }

    private static ObjectNode mergeInto(ObjectNode target, com.fasterxml.jackson.databind.JsonNode patch) {
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode child) {
                mergeInto(child, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return target;
    }
}
