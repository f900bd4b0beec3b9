package dev.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ObjectMetaPreparerTest {

    private final ObjectMetaPreparer preparer =
            new ObjectMetaPreparer(Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC));
    private final ResourceRegistry registry = ResourceRegistry.withBuiltins();
    private final ResourceType deployments = registry.byResource("apps", "v1", "deployments").orElseThrow();
    private final ResourceType configmaps = registry.byResource("", "v1", "configmaps").orElseThrow();

    @Test
    void createSetsServerOwnedMetadataAndDropsStatus() throws IOException {
        ObjectNode d = json("{\"metadata\":{\"generateName\":\"web-\"},\"spec\":{\"replicas\":1},\"status\":{\"replicas\":9}}");
        preparer.prepareForCreate(deployments, d);
        assertThat(d.at("/metadata/name").asText()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(d.at("/metadata/uid").asText()).hasSize(36);
        assertThat(d.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(d.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(d.has("status")).isFalse();
    }

    @Test
    void objectsWithoutSpecHaveNoGeneration() throws IOException {
        ObjectNode cm = json("{\"metadata\":{\"name\":\"c\",\"generation\":5},\"data\":{}}");
        preparer.prepareForCreate(configmaps, cm);
        assertThat(cm.at("/metadata").has("generation")).isFalse();
    }

    @Test
    void createRejectsResourceVersion() throws IOException {
        ObjectNode cm = json("{\"metadata\":{\"name\":\"c\",\"resourceVersion\":\"3\"}}");
        assertThatThrownBy(() -> preparer.prepareForCreate(configmaps, cm))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void generationBumpsOnSpecChangesOnly() throws IOException {
        ObjectNode old = json("{\"metadata\":{\"name\":\"d\",\"uid\":\"u1\",\"generation\":3,"
                + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1}}");
        ObjectNode labelsOnly = json("{\"metadata\":{\"name\":\"d\",\"labels\":{\"a\":\"b\"}},\"spec\":{\"replicas\":1}}");
        preparer.prepareForUpdate(deployments, labelsOnly, old);
        assertThat(labelsOnly.at("/metadata/generation").asInt()).isEqualTo(3);
        assertThat(labelsOnly.at("/metadata/uid").asText()).isEqualTo("u1");
        assertThat(labelsOnly.at("/status/replicas").asInt()).as("status is kept from the stored object").isEqualTo(1);

        ObjectNode specChange = json("{\"metadata\":{\"name\":\"d\",\"uid\":\"forged\"},\"spec\":{\"replicas\":2},"
                + "\"status\":{\"replicas\":7}}");
        preparer.prepareForUpdate(deployments, specChange, old);
        assertThat(specChange.at("/metadata/generation").asInt()).isEqualTo(4);
        assertThat(specChange.at("/metadata/uid").asText()).isEqualTo("u1");
        assertThat(specChange.at("/status/replicas").asInt()).isEqualTo(1);
    }

    @Test
    void statusUpdateChangesOnlyStatus() throws IOException {
        ObjectNode old = json("{\"metadata\":{\"name\":\"d\",\"labels\":{\"a\":\"b\"}},\"spec\":{\"replicas\":1}}");
        ObjectNode body = json("{\"metadata\":{\"name\":\"d\",\"labels\":{}},\"spec\":{\"replicas\":5},"
                + "\"status\":{\"readyReplicas\":1}}");
        ObjectNode updated = preparer.statusUpdate(old, body);
        assertThat(updated.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(updated.at("/metadata/labels/a").asText()).isEqualTo("b");
        assertThat(updated.at("/status/readyReplicas").asInt()).isEqualTo(1);
    }

    private static ObjectNode json(String s) throws IOException {
        return (ObjectNode) Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }
}
