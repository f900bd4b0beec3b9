package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtoKindsTest {

    /** The protobuf artifact has no messages for these groups; clients send them as JSON. */
    private static final Set<String> WITHOUT_MESSAGES = Set.of(
            "coordination.k8s.io/v1 Lease", "discovery.k8s.io/v1 EndpointSlice", "events.k8s.io/v1 Event",
            "apiextensions.k8s.io/v1 CustomResourceDefinition", "node.k8s.io/v1 RuntimeClass",
            // metrics.k8s.io lives in k8s.io/metrics, not in the client-java-proto artifact; kubectl top reads JSON
            "metrics.k8s.io/v1beta1 NodeMetrics", "metrics.k8s.io/v1beta1 PodMetrics");

    @Test
    void everyBuiltinKindHasAMessageExceptTheGroupsTheArtifactLacks() {
        List<String> missing = ResourceRegistry.withBuiltins().all().stream()
                .filter(type -> !ProtobufCodec.supports(type.apiVersion(), type.kind()))
                .map(type -> type.apiVersion() + " " + type.kind())
                .toList();
        assertThat(missing).containsExactlyInAnyOrderElementsOf(WITHOUT_MESSAGES);
    }

    @Test
    void listKindsAreFoundToo() {
        for (ResourceType type : ResourceRegistry.withBuiltins().all()) {
            if (!WITHOUT_MESSAGES.contains(type.apiVersion() + " " + type.kind()) && type.supports("list")) {
                assertThat(ProtobufCodec.supports(type.apiVersion(), type.listKind())).as(type.listKind()).isTrue();
            }
        }
    }
}
