package dev.j8s.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DaemonNodeEligibilityTest {

    private static Node node(String name, Map<String, String> labels, Taint... taints) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(taints).endSpec().build();
    }

    private static Taint taint(String key, String effect) {
        return new Taint(effect, key, null, null);
    }

    private static PodSpecBuilder spec() {
        return new PodSpecBuilder().addNewContainer().withName("c").withImage("i").endContainer();
    }

    private static PodSpec affinity(String operator, String key, String... values) {
        return spec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(key)
                        .withOperator(operator).withValues(values).build()).endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().build();
    }

    static Stream<Arguments> cases() {
        Map<String, String> ssd = Map.of("disk", "ssd");
        return Stream.of(
                Arguments.of("plain pod, plain node", spec().build(), node("n", Map.of()), true, true),
                Arguments.of("nodeSelector matches", spec().withNodeSelector(ssd).build(), node("n", ssd), true, true),
                Arguments.of("nodeSelector misses", spec().withNodeSelector(ssd).build(), node("n", Map.of()), false, false),
                Arguments.of("affinity In matches", affinity("In", "disk", "ssd", "nvme"), node("n", ssd), true, true),
                Arguments.of("affinity NotIn excludes", affinity("NotIn", "disk", "ssd"), node("n", ssd), false, false),
                Arguments.of("affinity DoesNotExist", affinity("DoesNotExist", "disk"), node("n", Map.of()), true, true),
                Arguments.of("template nodeName elsewhere", spec().withNodeName("other").build(), node("n", Map.of()),
                        false, false),
                Arguments.of("untolerated NoSchedule: no new pod, the old may stay", spec().build(),
                        node("n", Map.of(), taint("dedicated", "NoSchedule")), false, true),
                Arguments.of("untolerated NoExecute: evicted", spec().build(),
                        node("n", Map.of(), taint("dedicated", "NoExecute")), false, false),
                Arguments.of("PreferNoSchedule is ignored", spec().build(),
                        node("n", Map.of(), taint("dedicated", "PreferNoSchedule")), true, true),
                Arguments.of("tolerated by the template", spec().withTolerations(new TolerationBuilder()
                                .withKey("dedicated").withOperator("Exists").build()).build(),
                        node("n", Map.of(), taint("dedicated", "NoExecute")), true, true),
                Arguments.of("default toleration: not-ready", spec().build(),
                        node("n", Map.of(), taint("node.kubernetes.io/not-ready", "NoExecute")), true, true),
                Arguments.of("default toleration: cordoned", spec().build(),
                        node("n", Map.of(), taint("node.kubernetes.io/unschedulable", "NoSchedule")), true, true),
                Arguments.of("network-unavailable only for host network", spec().build(),
                        node("n", Map.of(), taint("node.kubernetes.io/network-unavailable", "NoSchedule")), false, true),
                Arguments.of("host network tolerates network-unavailable", spec().withHostNetwork(true).build(),
                        node("n", Map.of(), taint("node.kubernetes.io/network-unavailable", "NoSchedule")), true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesWhetherTheNodeRunsTheDaemon(String name, PodSpec spec, Node node, boolean run, boolean keep) {
        DaemonNodeEligibility eligibility = DaemonNodeEligibility.of(spec, node);
        assertThat(eligibility.shouldRun()).isEqualTo(run);
        assertThat(eligibility.shouldContinueRunning()).isEqualTo(keep);
    }

    @org.junit.jupiter.api.Test
    void podForNodeNamesItsNodeThroughMatchFieldsAndCarriesDefaultTolerations() {
        io.fabric8.kubernetes.api.model.apps.DaemonSet ds = new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder()
                .withNewMetadata().withName("agent").withNamespace("ns").withUid("u1").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "agent")).endMetadata()
                .withSpec(affinity("In", "disk", "ssd")).endTemplate().endSpec().build();
        ds.setApiVersion("apps/v1");
        ds.setKind("DaemonSet");
        var pod = DaemonPods.forNode(ds, "abc", "node-1");
        assertThat(DaemonPods.targetNode(pod)).contains("node-1");
        assertThat(pod.getMetadata().getLabels()).containsEntry("controller-revision-hash", "abc")
                .containsEntry("app", "agent");
        var terms = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        assertThat(terms).hasSize(1);
        assertThat(terms.get(0).getMatchFields().get(0).getKey()).isEqualTo("metadata.name");
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey()).contains(
                "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
                "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure",
                "node.kubernetes.io/unschedulable");
        assertThat(List.of(pod.getMetadata().getGenerateName())).containsExactly("agent-");
    }
}
