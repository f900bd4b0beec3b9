package dev.j8s.scheduler.plugins.defaultpreemption;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.Framework;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeToStatus;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PostFilterResult;
import dev.j8s.scheduler.framework.Profile;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.j8s.scheduler.plugins.noderesources.Fit;
import dev.j8s.scheduler.plugins.tainttoleration.TaintToleration;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultPreemptionTest {

    /** Expected: a nomination with victims, or (nominated "") the PostFilter message. */
    record Case(String name, List<Node> nodes, List<Pod> existing, Pod pod, String nominated, List<String> victims,
                String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Pod running(String name, String node, int priority, String cpu) {
        return pod(name).node(node).priority(priority).cpu(cpu).build();
    }

    private static Pod terminating(Pod pod) {
        pod.getMetadata().setDeletionTimestamp("2026-01-01T00:00:30Z");
        return pod;
    }

    private static Pod nominatedTo(Pod pod, String node) {
        pod.getStatus().setNominatedNodeName(node);
        return pod;
    }

    static Stream<Case> cases() {
        Node two = node("n1").cpu("2").build();
        return Stream.of(
                new Case("evicts only the lowest-priority pod needed", List.of(node("n1").cpu("4").build()),
                        List.of(running("low1", "n1", 1, "2"), running("low2", "n1", 2, "2")),
                        pod("p").priority(10).cpu("2").build(), "n1", List.of("low1"), null),
                new Case("several victims when one is not enough", List.of(node("n1").cpu("4").build()),
                        List.of(running("low1", "n1", 1, "2"), running("low2", "n1", 2, "2")),
                        pod("p").priority(10).cpu("4").build(), "n1", List.of("low2", "low1"), null),
                new Case("prefers the node whose most important victim is least important",
                        List.of(node("n1").cpu("2").build(), node("n2").cpu("2").build()),
                        List.of(running("mid", "n1", 5, "2"), running("low", "n2", 1, "2")),
                        pod("p").priority(10).cpu("2").build(), "n2", List.of("low"), null),
                new Case("prefers fewer victims when priorities tie",
                        List.of(node("n1").cpu("2").build(), node("n2").cpu("2").build()),
                        List.of(running("a", "n1", 1, "1"), running("b", "n1", 1, "1"), running("c", "n2", 1, "2")),
                        pod("p").priority(10).cpu("2").build(), "n2", List.of("c"), null),
                new Case("equal or higher priority pods are never victims", List.of(two),
                        List.of(running("same", "n1", 10, "2")), pod("p").priority(10).cpu("1").build(), "", List.of(),
                        "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."),
                new Case("removing all lower pods is still not enough", List.of(two),
                        List.of(running("low", "n1", 1, "1"), running("high", "n1", 100, "1")),
                        pod("p").priority(10).cpu("2").build(), "", List.of(),
                        "preemption: 0/1 nodes are available: 1 Insufficient cpu."),
                new Case("unresolvable nodes are not helped by preemption",
                        List.of(node("n1").taint("k", "v", "NoSchedule").build(), node("n2").taint("k", "v", "NoSchedule").build()),
                        List.of(running("low", "n1", 1, "1")), pod("p").priority(10).build(), "", List.of(),
                        "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."),
                new Case("preemptionPolicy Never", List.of(two), List.of(running("low", "n1", 1, "2")),
                        pod("p").priority(10).cpu("1").preemptionPolicy("Never").build(), null, List.of(),
                        "preemption: not eligible due to preemptionPolicy=Never."),
                new Case("waits for victims still terminating on its nominated node", List.of(two),
                        List.of(terminating(running("low", "n1", 1, "2"))),
                        nominatedTo(pod("p").priority(10).cpu("1").build(), "n1"), null, List.of(),
                        "preemption: not eligible due to a terminating pod on the nominated node."),
                new Case("evicting a pod frees its anti-affinity hold",
                        List.of(node("n1").label("zone", "a").build()),
                        List.of(pod("guard").node("n1").priority(1).podAntiAffinity("zone", "app", "web").build()),
                        pod("p").label("app", "web").priority(10).build(), "n1", List.of("guard"), null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void postFilter(Case c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(c.nodes(), c.existing()));
        Framework framework = new Framework(new Profile("test", List.of(new TaintToleration(), new Fit(),
                new InterPodAffinity(() -> snapshot, new dev.j8s.scheduler.framework.NamespaceLabels()), new DefaultPreemption(new Random(1))), Map.of(), 0));
        framework.setNodes(snapshot);
        CycleState state = new CycleState();
        PodInfo pod = PodInfo.of(c.pod());
        assertThat(framework.runPreFilterPlugins(state, pod).status().isSuccess()).isTrue();
        NodeToStatus statuses = new NodeToStatus();
        for (NodeInfo node : snapshot.list()) {
            Status status = framework.runFilterPlugins(state, pod, node);
            assertThat(status.isSuccess()).as("the pod must not fit " + node.name() + " before preemption").isFalse();
            statuses.put(node.name(), status);
        }

        PostFilterResult result = framework.runPostFilterPlugins(state, pod, statuses);

        assertThat(result.nominatedNodeName()).isEqualTo(c.nominated());
        assertThat(result.victims()).extracting(v -> v.getMetadata().getName()).isEqualTo(c.victims());
        if (c.message() == null) {
            assertThat(result.status().isSuccess()).isTrue();
        } else {
            assertThat(result.status().message()).isEqualTo(c.message());
        }
    }
}
