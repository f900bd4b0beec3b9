package dev.j8s.api.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.storage.CSINodeSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatchMetadataTest {

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("knownFields")
    void knowsTheKubernetesStructTags(Class<?> owner, String field, ListPatchInfo expected) {
        assertThat(PatchMetadata.lookup(owner, field)).contains(expected);
    }

    static Stream<Arguments> knownFields() {
        return Stream.of(
                Arguments.of(PodSpec.class, "containers", info("merge", "name", "map", "name")),
                Arguments.of(PodSpec.class, "initContainers", info("merge", "name", "map", "name")),
                Arguments.of(PodSpec.class, "volumes", info("merge,retainKeys", "name", "map", "name")),
                Arguments.of(PodSpec.class, "imagePullSecrets", info("merge", "name", "map", "name")),
                Arguments.of(PodSpec.class, "tolerations", info(null, null, "atomic")),
                Arguments.of(PodSpec.class, "topologySpreadConstraints",
                        info("merge", "topologyKey", "map", "topologyKey", "whenUnsatisfiable")),
                Arguments.of(Container.class, "ports", info("merge", "containerPort", "map", "containerPort", "protocol")),
                Arguments.of(Container.class, "env", info("merge", "name", "map", "name")),
                Arguments.of(Container.class, "volumeMounts", info("merge", "mountPath", "map", "mountPath")),
                Arguments.of(Container.class, "args", info(null, null, "atomic")),
                Arguments.of(EphemeralContainer.class, "env", info("merge", "name", "map", "name")),
                Arguments.of(ServiceSpec.class, "ports", info("merge", "port", "map", "port", "protocol")),
                Arguments.of(ServiceAccount.class, "secrets", info("merge", "name", "map", "name")),
                Arguments.of(ObjectMeta.class, "finalizers", info("merge", null, "set")),
                Arguments.of(ObjectMeta.class, "ownerReferences", info("merge", "uid", "map", "uid")),
                Arguments.of(ObjectMeta.class, "managedFields", info(null, null, "atomic")),
                Arguments.of(PodStatus.class, "conditions", info("merge", "type", "map", "type")),
                Arguments.of(PodStatus.class, "hostIPs", info("merge", "ip", "atomic")),
                Arguments.of(NodeSpec.class, "podCIDRs", info("merge", null, "set")),
                Arguments.of(NodeStatus.class, "addresses", info("merge", "type", "map", "type")),
                Arguments.of(DeploymentSpec.class, "strategy", info("retainKeys", null, null)),
                Arguments.of(DeploymentStatus.class, "conditions", info("merge", "type", "map", "type")),
                Arguments.of(JobStatus.class, "conditions", info("merge", "type", "atomic")),
                Arguments.of(PodDisruptionBudgetSpec.class, "selector", info("replace", null, null)),
                Arguments.of(CSINodeSpec.class, "drivers", info("merge", "name", "map", "name")));
    }

    @Test
    void unannotatedFieldsHaveNoEntry() {
        assertThat(PatchMetadata.lookup(ObjectMeta.class, "labels")).isEmpty();
        assertThat(PatchMetadata.lookup(PodSpec.class, "nodeSelector")).isEmpty();
        assertThat(PatchMetadata.lookup(String.class, "x")).isEmpty();
    }

    /** Catches a table entry naming a field the fabric8 class does not have under that JSON name. */
    @Test
    void everyEntryNamesAPropertyOfItsModelClass() {
        for (Class<?> owner : PatchMetadata.owners()) {
            var config = Json.MAPPER.getSerializationConfig();
            Set<String> properties = config.introspect(config.constructType(owner)).findProperties().stream()
                    .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
            assertThat(properties).as(owner.getName()).containsAll(PatchMetadata.fieldsOf(owner).keySet());
        }
    }

    private static ListPatchInfo info(String strategy, String mergeKey, String listType, String... keys) {
        return new ListPatchInfo(strategy, mergeKey, listType, List.of(keys));
    }
}
