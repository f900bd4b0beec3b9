package dev.j8s.api.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutoscalingV1ConversionTest {

    private final AutoscalingV1Conversion conversion = new AutoscalingV1Conversion();

    private static ObjectNode json(String text) throws IOException {
        return (ObjectNode) Json.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kubectlAutoscaleV1ObjectBecomesACpuUtilizationMetric() throws IOException {
        ObjectNode v2 = conversion.toStorage(json("""
                {'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},
                 'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'web'},
                         'minReplicas':1,'maxReplicas':4,'targetCPUUtilizationPercentage':50}}"""));

        assertThat(v2.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(v2.path("spec").path("maxReplicas").asInt()).isEqualTo(4);
        assertThat(v2.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("web");
        assertThat(v2.path("spec").path("metrics")).hasSize(1);
        JsonNode resource = v2.path("spec").path("metrics").get(0).path("resource");
        assertThat(resource.path("name").asText()).isEqualTo("cpu");
        assertThat(resource.path("target").path("type").asText()).isEqualTo("Utilization");
        assertThat(resource.path("target").path("averageUtilization").asInt()).isEqualTo(50);
        assertThat(v2.path("metadata").has("annotations")).isFalse();
    }

    @Test
    void v1WithoutTargetGetsKubernetesDefaultOf80Percent() throws IOException {
        ObjectNode v2 = conversion.toStorage(json("""
                {'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},
                 'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'maxReplicas':3}}"""));

        assertThat(v2.path("spec").path("metrics").get(0).path("resource").path("target")
                .path("averageUtilization").asInt()).isEqualTo(80);
    }

    @Test
    void v2FieldsV1CannotExpressTravelInAnnotationsAndComeBack() throws IOException {
        ObjectNode stored = json("""
                {'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler',
                 'metadata':{'name':'web','annotations':{'team':'a'}},
                 'spec':{'scaleTargetRef':{'kind':'Deployment','name':'web'},'minReplicas':1,'maxReplicas':4,
                   'metrics':[
                     {'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':50}}},
                     {'type':'Resource','resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'100Mi'}}},
                     {'type':'Pods','pods':{'metric':{'name':'qps'},'target':{'type':'AverageValue','averageValue':'10'}}}],
                   'behavior':{'scaleDown':{'stabilizationWindowSeconds':5}}},
                 'status':{'currentReplicas':4,'desiredReplicas':4,
                   'currentMetrics':[{'type':'Resource','resource':{'name':'cpu',
                       'current':{'averageUtilization':200,'averageValue':'200m'}}}],
                   'conditions':[{'type':'AbleToScale','status':'True','reason':'ReadyForNewScale'}]}}""");

        ObjectNode v1 = conversion.fromStorage(stored);

        assertThat(v1.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(v1.path("spec").path("targetCPUUtilizationPercentage").asInt()).isEqualTo(50);
        assertThat(v1.path("spec").has("metrics")).isFalse();
        assertThat(v1.path("status").path("currentCPUUtilizationPercentage").asInt()).isEqualTo(200);
        assertThat(v1.path("status").path("currentReplicas").asInt()).isEqualTo(4);
        JsonNode annotations = v1.path("metadata").path("annotations");
        assertThat(annotations.path("team").asText()).isEqualTo("a");
        JsonNode others = Json.parse(annotations.path(AutoscalingV1Conversion.METRICS).asText()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(others.get(0).path("resource").path("targetAverageValue").asText()).isEqualTo("100Mi");
        assertThat(others.get(1).path("pods").path("metricName").asText()).isEqualTo("qps");
        assertThat(annotations.path(AutoscalingV1Conversion.BEHAVIOR).asText()).contains("stabilizationWindowSeconds");
        assertThat(annotations.path(AutoscalingV1Conversion.CONDITIONS).asText()).contains("ReadyForNewScale");
        assertThat(annotations.path(AutoscalingV1Conversion.CURRENT_METRICS).asText())
                .contains("currentAverageValue");

        ObjectNode back = conversion.toStorage(v1);

        assertThat(back.path("spec")).isEqualTo(stored.path("spec"));
        assertThat(back.path("status")).isEqualTo(stored.path("status"));
        assertThat(back.path("metadata")).isEqualTo(stored.path("metadata"));
    }
}
