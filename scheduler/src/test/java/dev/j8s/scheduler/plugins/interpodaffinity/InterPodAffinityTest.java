package dev.j8s.scheduler.plugins.interpodaffinity;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import dev.j8s.scheduler.testing.PluginRunner;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterPodAffinityTest {

    private static final String ZONE = "topology.kubernetes.io/zone";
    /** Two zones: a1, a2 in zone a; b1 in zone b. */
    private static final List<Node> NODES = List.of(
            node("a1").label(ZONE, "a").build(), node("a2").label(ZONE, "a").build(), node("b1").label(ZONE, "b").build(),
            node("nolabel").build());

    record FilterCase(String name, List<Pod> existing, Pod pod, String nodeName, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FilterCase> filterCases() {
        Pod db = pod("db").label("app", "db").node("a1").build();
        return Stream.of(
                new FilterCase("affinity: same zone as the matching pod", List.of(db),
                        pod("p").podAffinity(ZONE, "app", "db").build(), "a2", null),
                new FilterCase("affinity: other zone", List.of(db),
                        pod("p").podAffinity(ZONE, "app", "db").build(), "b1", InterPodAffinity.ERR_REASON_AFFINITY),
                new FilterCase("affinity: node without the topology label", List.of(db),
                        pod("p").podAffinity(ZONE, "app", "db").build(), "nolabel", InterPodAffinity.ERR_REASON_AFFINITY),
                new FilterCase("affinity: pods in another namespace do not count",
                        List.of(pod("db").namespace("other").label("app", "db").node("a1").build(),
                                pod("x").label("app", "x").node("b1").build()),
                        pod("p").podAffinity(ZONE, "app", "db").build(), "a2", InterPodAffinity.ERR_REASON_AFFINITY),
                new FilterCase("affinity: the first pod of a self-affine group may go anywhere labelled", List.of(),
                        pod("p").label("app", "web").podAffinity(ZONE, "app", "web").build(), "b1", null),
                new FilterCase("anti-affinity: zone holds a matching pod", List.of(db),
                        pod("p").podAntiAffinity(ZONE, "app", "db").build(), "a2", InterPodAffinity.ERR_REASON_ANTI_AFFINITY),
                new FilterCase("anti-affinity: other zone is fine", List.of(db),
                        pod("p").podAntiAffinity(ZONE, "app", "db").build(), "b1", null),
                new FilterCase("anti-affinity by hostname only excludes the node",
                        List.of(pod("w").label("app", "web").node("a1").build()),
                        pod("p").podAntiAffinity("kubernetes.io/hostname", "app", "web").build(), "a2", null),
                new FilterCase("existing pod's anti-affinity rejects the incoming pod",
                        List.of(pod("lonely").podAntiAffinity(ZONE, "app", "web").node("a1").build()),
                        pod("p").label("app", "web").build(), "a2", InterPodAffinity.ERR_REASON_EXISTING_ANTI_AFFINITY),
                new FilterCase("existing pod's anti-affinity does not reach other zones",
                        List.of(pod("lonely").podAntiAffinity(ZONE, "app", "web").node("a1").build()),
                        pod("p").label("app", "web").build(), "b1", null),
                new FilterCase("existing pod's anti-affinity ignores non-matching pods",
                        List.of(pod("lonely").podAntiAffinity(ZONE, "app", "web").node("a1").build()),
                        pod("p").label("app", "db").build(), "a2", null));
    }

    @ParameterizedTest
    @MethodSource("filterCases")
    void filter(FilterCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(NODES, c.existing()));
        Status status = PluginRunner.filter(new InterPodAffinity(() -> snapshot, new dev.j8s.scheduler.framework.NamespaceLabels()), c.pod(), snapshot, c.nodeName());
        if (c.reason() == null) {
            assertThat(status.isSuccess()).as(status.toString()).isTrue();
        } else {
            assertThat(status.reasons()).containsExactly(c.reason());
        }
    }

    record NamespaceCase(String name, String dbNamespace, LabelSelector namespaceSelector, boolean fits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<NamespaceCase> namespaceCases() {
        LabelSelector teamA = new LabelSelectorBuilder().addToMatchLabels("team", "a").build();
        return Stream.of(
                new NamespaceCase("namespaceSelector matches the other pod's namespace", "shop", teamA, false),
                new NamespaceCase("namespaceSelector does not match", "billing", teamA, true),
                new NamespaceCase("an empty namespaceSelector means every namespace", "billing", new LabelSelector(), false),
                new NamespaceCase("no selector: only the pod's own namespace", "shop", null, true));
    }

    @ParameterizedTest
    @MethodSource("namespaceCases")
    void antiAffinityAcrossNamespaces(NamespaceCase c) {
        NamespaceLabels namespaces = new NamespaceLabels();
        namespaces.put(new NamespaceBuilder().withNewMetadata().withName("shop").addToLabels("team", "a").endMetadata().build());
        namespaces.put(new NamespaceBuilder().withNewMetadata().withName("billing").addToLabels("team", "b").endMetadata().build());
        Pod db = pod("db").namespace(c.dbNamespace()).label("app", "db").node("a1").build();
        Pod incoming = pod("p").podAntiAffinity(ZONE, "app", "db").build();
        incoming.getSpec().getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().get(0)
                .setNamespaceSelector(c.namespaceSelector());
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(NODES, List.of(db)));

        Status status = PluginRunner.filter(new InterPodAffinity(() -> snapshot, namespaces), incoming, snapshot, "a2");

        assertThat(status.isSuccess()).isEqualTo(c.fits());
    }

    record ScoreCase(String name, List<Pod> existing, Pod pod, List<Long> scores) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        Pod db = pod("db").label("app", "db").node("a1").build();
        return Stream.of(
                new ScoreCase("nothing to prefer", List.of(db), pod("p").build(), List.of(0L, 0L, 0L, 0L)),
                new ScoreCase("preferred affinity favours the zone", List.of(db),
                        pod("p").preferredPodAffinity(10, ZONE, "app", "db").build(), List.of(100L, 100L, 0L, 0L)),
                new ScoreCase("preferred anti-affinity disfavours the zone", List.of(db),
                        pod("p").preferredPodAntiAffinity(10, ZONE, "app", "db").build(), List.of(0L, 0L, 100L, 100L)),
                new ScoreCase("an existing pod's required affinity attracts the incoming pod",
                        List.of(pod("follower").podAffinity(ZONE, "app", "web").node("b1").build()),
                        pod("p").label("app", "web").build(), List.of(0L, 0L, 100L, 0L)));
    }

    @ParameterizedTest
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        Snapshot snapshot = Snapshot.of(PluginRunner.nodeInfos(NODES, c.existing()));
        assertThat(PluginRunner.scores(new InterPodAffinity(() -> snapshot, new dev.j8s.scheduler.framework.NamespaceLabels()), c.pod(), snapshot)).isEqualTo(c.scores());
    }
}
