package dev.j8s.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleSubresourceTest {

    private static final ResourceType DEPLOYMENTS =
            ResourceRegistry.withBuiltins().byResource("apps", "v1", "deployments").orElseThrow();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"matchLabels\":{\"app\":\"web\"}}|app=web",
        "{\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}|app=web,tier=fe",
        "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"In\",\"values\":[\"a\",\"b\"]}]}|env in (a,b)",
        "{\"matchExpressions\":[{\"key\":\"env\",\"operator\":\"NotIn\",\"values\":[\"a\"]}]}|env notin (a)",
        "{\"matchExpressions\":[{\"key\":\"x\",\"operator\":\"Exists\"},{\"key\":\"y\",\"operator\":\"DoesNotExist\"}]}|x,!y",
        "{\"app\":\"rc\"}|app=rc",
    })
    void selectorStrings(String selector, String expected) throws IOException {
        assertThat(ScaleSubresource.selectorString(Json.parse(selector.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"3,2", "0,0"})
    void scaleReflectsParent(int specReplicas, int statusReplicas) throws IOException {
        ObjectNode deploy = (ObjectNode) Json.parse(("{\"metadata\":{\"name\":\"d\",\"namespace\":\"n\",\"uid\":\"u\","
                + "\"resourceVersion\":\"7\"},\"spec\":{\"replicas\":" + specReplicas + ",\"selector\":{\"matchLabels\":"
                + "{\"app\":\"d\"}}},\"status\":{\"replicas\":" + statusReplicas + "}}").getBytes(StandardCharsets.UTF_8));
        ObjectNode scale = ScaleSubresource.toScale(DEPLOYMENTS, deploy);
        assertThat(scale.get("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(specReplicas);
        assertThat(scale.at("/status/replicas").asInt()).isEqualTo(statusReplicas);
        assertThat(scale.at("/status/selector").asText()).isEqualTo("app=d");
        assertThat(scale.at("/metadata/resourceVersion").asText()).isEqualTo("7");
    }
}
