package dev.j8s.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the build-time derivation against facts of the Kubernetes 1.32 API types. */
class KubernetesDefinitionsTest {

    private static final KubernetesDefinitions DEFS = KubernetesDefinitions.builtin();

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource(delimiter = '|', value = {
            // description kept by the Java client
            "io.k8s.api.apps.v1.DeploymentSpec|replicas|Number of desired pods",
            // object-typed field: description recovered from the proto comments
            "io.k8s.api.apps.v1.DeploymentSpec|strategy|The deployment strategy to use to replace existing pods",
            // field of an inline-embedded Go struct (Volume embeds VolumeSource)
            "io.k8s.api.core.v1.Volume|configMap|configMap represents a configMap",
            // version the proto artifact lacks (autoscaling/v2 described by v2beta2)
            "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler|spec|spec is the specification",
            // stock metadata text for kinds the proto artifact lacks
            "io.k8s.api.discovery.v1.EndpointSlice|metadata|Standard object's metadata",
            "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta|labels|Map of string keys and values"})
    void fieldsCarryKubernetesDescriptions(String definition, String field, String descriptionStart) {
        JsonNode property = DEFS.get(definition).orElseThrow().path("properties").path(field);

        assertThat(property.path("description").asText()).startsWith(descriptionStart);
    }

    @ParameterizedTest(name = "{0}.{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "io.k8s.api.apps.v1.DeploymentSpec|template|io.k8s.api.core.v1.PodTemplateSpec",
            "io.k8s.api.apps.v1.DeploymentSpec|selector|io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
            "io.k8s.api.apps.v1.ControllerRevision|data|io.k8s.apimachinery.pkg.runtime.RawExtension",
            "io.k8s.api.core.v1.Event|eventTime|io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
            "io.k8s.api.core.v1.ObjectReference|uid|",
            "io.k8s.api.discovery.v1.EndpointSlice|endpoints|io.k8s.api.discovery.v1.Endpoint",
            "io.k8s.api.events.v1.Event|series|io.k8s.api.events.v1.EventSeries",
            "io.k8s.api.core.v1.ServicePort|targetPort|io.k8s.apimachinery.pkg.util.intstr.IntOrString",
            "io.k8s.api.core.v1.ResourceRequirements|limits|io.k8s.apimachinery.pkg.api.resource.Quantity"})
    void referencesUseKubernetesDefinitionNames(String definition, String field, String target) {
        JsonNode property = DEFS.get(definition).orElseThrow().path("properties").path(field);
        JsonNode inner = property.has("items") ? property.get("items")
                : property.has("additionalProperties") ? property.get("additionalProperties") : property;

        assertThat(inner.path("$ref").asText()).isEqualTo(target == null ? "" : target);
    }

    @Test
    void servedKindsAndScalarsAreDefined() {
        assertThat(DEFS.names()).contains("io.k8s.api.core.v1.Pod", "io.k8s.api.apps.v1.DeploymentList",
                "io.k8s.api.autoscaling.v1.Scale", "io.k8s.api.policy.v1.Eviction",
                "io.k8s.api.authentication.v1.TokenRequest", "io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        assertThat(DEFS.get(ApiGroupPackages.TIME).orElseThrow().path("format").asText()).isEqualTo("date-time");
        assertThat(DEFS.closure(List.of("io.k8s.api.apps.v1.Deployment")))
                .contains("io.k8s.api.core.v1.Container", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    }
}
