package dev.j8s.api.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableConverterTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final ResourceRegistry REGISTRY = ResourceRegistry.withBuiltins();
    private final TableConverter tables = new TableConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @CsvSource({"0,0s", "59,59s", "119,119s", "120,2m", "185,3m5s", "600,10m", "3599,59m", "10800,3h", "12600,3h30m",
        "28800,8h", "172800,2d", "180000,2d2h", "864000,10d", "63072000,2y"})
    void humanDurations(long seconds, String expected) {
        assertThat(Ages.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"phase\":\"Pending\"}|Pending|0/1",
        "{\"phase\":\"Pending\",\"containerStatuses\":[{\"ready\":false,\"state\":{\"waiting\":{\"reason\":\"ContainerCreating\"}}}]}|ContainerCreating|0/1",
        "{\"phase\":\"Running\",\"containerStatuses\":[{\"ready\":true,\"state\":{\"running\":{}}}]}|Running|1/1",
        "{\"phase\":\"Running\",\"containerStatuses\":[{\"ready\":false,\"state\":{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}}]}|CrashLoopBackOff|0/1",
        "{\"phase\":\"Succeeded\",\"containerStatuses\":[{\"ready\":false,\"state\":{\"terminated\":{\"reason\":\"Completed\",\"exitCode\":0}}}]}|Completed|0/1",
    })
    void podStatus(String status, String expectedStatus, String expectedReady) throws Exception {
        ObjectNode pod = json("{\"metadata\":{\"name\":\"p\",\"creationTimestamp\":\"2026-01-01T11:59:00Z\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\"}]},\"status\":" + status + "}");
        ObjectNode table = tables.toTable(type("", "pods"), List.of(pod), "Metadata", Json.object(), false);
        assertThat(table.at("/rows/0/cells/0").asText()).isEqualTo("p");
        assertThat(table.at("/rows/0/cells/1").asText()).isEqualTo(expectedReady);
        assertThat(table.at("/rows/0/cells/2").asText()).isEqualTo(expectedStatus);
        assertThat(table.at("/rows/0/cells/4").asText()).isEqualTo("60s");
        assertThat(table.at("/rows/0/object/kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void deploymentColumnsAndWideColumns() throws Exception {
        ObjectNode d = json("{\"metadata\":{\"name\":\"web\",\"creationTimestamp\":\"2026-01-01T11:00:00Z\"},"
                + "\"spec\":{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"spec\":"
                + "{\"containers\":[{\"name\":\"echo\",\"image\":\"echo:v1\"}]}}},"
                + "\"status\":{\"readyReplicas\":2,\"updatedReplicas\":3,\"availableReplicas\":2}}");
        ObjectNode table = tables.toTable(type("apps", "deployments"), List.of(d), "None", Json.object(), false);
        assertThat(table.get("columnDefinitions")).extracting(c -> c.get("name").asText())
                .containsExactly("Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"web\",\"2/3\",3,2,\"60m\",\"echo\",\"echo:v1\",\"app=web\"]");
        assertThat(table.at("/rows/0").has("object")).isFalse();
    }

    @Test
    void servicePortsAndUnknownTypesFallBackToNameAndCreatedAt() throws Exception {
        ObjectNode svc = json("{\"metadata\":{\"name\":\"s\"},\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"10.43.0.9\","
                + "\"ports\":[{\"port\":80,\"nodePort\":30080,\"protocol\":\"TCP\"}]}}");
        ObjectNode table = tables.toTable(type("", "services"), List.of(svc), "Object", Json.object(), true);
        assertThat(table.get("columnDefinitions")).isEmpty();
        assertThat(table.at("/rows/0/cells/4").asText()).isEqualTo("80:30080/TCP");
        assertThat(table.at("/rows/0/object/spec/type").asText()).isEqualTo("NodePort");
        assertThat(Printers.columns(type("storage.k8s.io", "csidrivers")).get(1).name()).isEqualTo("Created At");
    }

    private static ResourceType type(String group, String plural) {
        return REGISTRY.all().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst()
                .orElseThrow();
    }

    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }
}
