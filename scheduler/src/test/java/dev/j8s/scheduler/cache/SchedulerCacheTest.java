package dev.j8s.scheduler.cache;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {

    private final SchedulerCache cache = new SchedulerCache();
    private final Snapshot snapshot = new Snapshot();

    @Test
    void snapshotCopiesOnlyChangedNodes() {
        for (int i = 0; i < 3; i++) {
            cache.addNode(node("n" + i).build());
        }
        cache.updateSnapshot(snapshot);
        NodeInfo n0 = snapshot.get("n0");
        NodeInfo n1 = snapshot.get("n1");
        long n0Generation = n0.generation();

        cache.addPod(pod("p").cpu("1").node("n1").build());
        cache.updateSnapshot(snapshot);

        assertThat(snapshot.get("n0")).isSameAs(n0);
        assertThat(snapshot.get("n0").generation()).isEqualTo(n0Generation);
        // changed nodes are updated in place, so the cycle's node list stays valid
        assertThat(snapshot.get("n1")).isSameAs(n1);
        assertThat(n1.pods()).hasSize(1);
        assertThat(n1.requested().milliCpu()).isEqualTo(1000);
        assertThat(snapshot.list()).extracting(NodeInfo::name).containsExactly("n0", "n1", "n2");
    }

    @Test
    void snapshotIsIsolatedFromLaterCacheChanges() {
        cache.addNode(node("n").build());
        cache.updateSnapshot(snapshot);
        cache.addPod(pod("p").cpu("1").node("n").build());
        assertThat(snapshot.get("n").pods()).isEmpty();
    }

    @Test
    void assumeForgetAndConfirm() {
        cache.addNode(node("n").build());
        PodInfo pod = PodInfo.of(pod("p").cpu("1").build());

        cache.assumePod(pod, "n");
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n").requested().milliCpu()).isEqualTo(1000);
        assertThat(cache.isAssumed(pod.key())).isTrue();

        cache.forgetPod(pod);
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("n").pods()).isEmpty();
        assertThat(cache.hasPod(pod.key())).isFalse();

        cache.assumePod(pod, "n");
        cache.addPod(pod("p").cpu("1").node("n").build());
        assertThat(cache.isAssumed(pod.key())).isFalse();
        cache.forgetPod(pod);
        cache.updateSnapshot(snapshot);
        // a confirmed pod is not forgotten
        assertThat(snapshot.get("n").pods()).hasSize(1);
    }

    @Test
    void removedNodeLeavesTheSnapshotAndPodsKeepAPlaceholder() {
        cache.addNode(node("a").build());
        cache.addNode(node("b").build());
        cache.addPod(pod("p").node("b").build());
        cache.updateSnapshot(snapshot);

        cache.removeNode(node("b").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.list()).extracting(NodeInfo::name).containsExactly("a");

        cache.addNode(node("b").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.get("b").pods()).hasSize(1);
    }

    @Test
    void affinityListsFollowPods() {
        cache.addNode(node("a").build());
        cache.addNode(node("b").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithRequiredAntiAffinity()).isEmpty();

        cache.addPod(pod("p").node("b").podAntiAffinity("zone", "app", "x").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithRequiredAntiAffinity()).extracting(NodeInfo::name).containsExactly("b");
        assertThat(snapshot.havePodsWithAffinity()).extracting(NodeInfo::name).containsExactly("b");

        cache.removePod(pod("p").node("b").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.havePodsWithAffinity()).isEmpty();
    }

    @Test
    void nodesAreListedZoneByZoneInTurn() {
        String zone = "topology.kubernetes.io/zone";
        cache.addNode(node("a1").label(zone, "a").build());
        cache.addNode(node("a2").label(zone, "a").build());
        cache.addNode(node("a3").label(zone, "a").build());
        cache.addNode(node("b1").label(zone, "b").build());
        cache.addNode(node("c1").label(zone, "c").build());
        cache.addNode(node("b2").label(zone, "b").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.list()).extracting(NodeInfo::name).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
    }

    @Test
    void imageCountsFollowNodes() {
        cache.addNode(node("a").image(100, "nginx:1").build());
        cache.addNode(node("b").image(100, "nginx:1").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.nodesWithImage("nginx:1")).isEqualTo(2);
        cache.removeNode(node("a").build());
        cache.updateSnapshot(snapshot);
        assertThat(snapshot.nodesWithImage("nginx:1")).isEqualTo(1);
    }
}
