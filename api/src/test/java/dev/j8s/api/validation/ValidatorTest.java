package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {

    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();
    private static final String DEPLOY = "{\"metadata\":{\"name\":\"web\",\"namespace\":\"d\"},\"spec\":{\"replicas\":1,"
            + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"restartPolicy\":\"Always\",\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}}}";

    private static List<StatusCause> validate(String group, String plural, String json, String old) throws Exception {
        ResourceType type = REGISTRY.all().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural))
                .findFirst().orElseThrow();
        return Validator.validate(type, obj(json), old == null ? null : obj(old));
    }

    private static ObjectNode obj(String s) throws Exception {
        return (ObjectNode) Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void validDeploymentPasses() throws Exception {
        assertThat(validate("apps", "deployments", DEPLOY, null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"name\":\"web\"|\"name\":\"Web_1\"|metadata.name|FieldValueInvalid",
        "\"replicas\":1|\"replicas\":-1|spec.replicas|FieldValueInvalid",
        "{\"app\":\"web\"}},\"spec\"|{\"app\":\"other\"}},\"spec\"|spec.template.metadata.labels|FieldValueInvalid",
        "\"image\":\"i\"|\"image\":\"\"|spec.template.spec.containers[0].image|FieldValueRequired",
        "\"name\":\"c\"|\"name\":\"C!\"|spec.template.spec.containers[0].name|FieldValueInvalid",
        "\"restartPolicy\":\"Always\"|\"restartPolicy\":\"Never\"|spec.template.spec.restartPolicy|FieldValueNotSupported",
    })
    void invalidDeployments(String from, String to, String field, String reason) throws Exception {
        List<StatusCause> causes = validate("apps", "deployments", DEPLOY.replace(from, to), null);
        assertThat(causes).extracting(StatusCause::field).contains(field);
        assertThat(causes).filteredOn(c -> c.field().equals(field)).extracting(StatusCause::reason).contains(reason);
    }

    @Test
    void selectorIsImmutable() throws Exception {
        String changed = DEPLOY.replace("\"matchLabels\":{\"app\":\"web\"}", "\"matchLabels\":{\"app\":\"web\",\"x\":\"y\"}")
                .replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"web\",\"x\":\"y\"}");
        assertThat(validate("apps", "deployments", changed, DEPLOY)).extracting(StatusCause::message)
                .anyMatch(m -> m.contains("field is immutable"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[]}}|spec.ports",
        "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[{\"port\":70000}]}}|spec.ports[0].port",
        "{\"metadata\":{\"name\":\"s.x\"},\"spec\":{\"ports\":[{\"port\":80}]}}|metadata.name",
        "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}}|spec.ports[0].nodePort",
    })
    void invalidServices(String json, String field) throws Exception {
        assertThat(validate("", "services", json, null)).extracting(StatusCause::field).contains(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*/5 * * * *|true", "@hourly|true", "0 0 * * MON-FRI|true", "* * * *|false", "TZ=UTC * * * * *|false",
        "@often|false"})
    void cronSchedules(String schedule, boolean valid) {
        assertThat(BatchRules.validSchedule(schedule) && !schedule.contains("TZ")).isEqualTo(valid);
    }

    @Test
    void configMapKeysAndBinaryData() throws Exception {
        assertThat(validate("", "configmaps", "{\"metadata\":{\"name\":\"c\"},\"data\":{\"bad/key\":\"v\"}}", null))
                .extracting(StatusCause::field).contains("data[bad/key]");
        assertThat(validate("", "configmaps", "{\"metadata\":{\"name\":\"c\"},\"binaryData\":{\"k\":\"!!\"}}", null))
                .isNotEmpty();
    }

    @Test
    void unknownFieldsAreReportedWithTheirPaths() throws Exception {
        ObjectNode d = obj(DEPLOY.replace("\"image\":\"i\"", "\"image\":\"i\",\"imagee\":\"x\"")
                .replace("\"replicas\":1", "\"replicas\":1,\"replica\":2"));
        assertThat(UnknownFields.find(Deployment.class, d)).containsExactlyInAnyOrder(
                "unknown field \"spec.replica\"", "unknown field \"spec.template.spec.containers[0].imagee\"");
        assertThat(UnknownFields.find(Deployment.class, obj(DEPLOY))).isEmpty();
    }
}
