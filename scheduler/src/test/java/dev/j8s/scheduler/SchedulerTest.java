package dev.j8s.scheduler;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.scheduler.testing.FakeClock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole cycle in memory: queue, cache, default profile, binding on the calling thread. */
class SchedulerTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Map<String, String> bindings = new ConcurrentHashMap<>();
    private final List<SchedulingFailure> failures = new ArrayList<>();
    private final List<String> bindFailuresToInject = new ArrayList<>();
    private final Binder binder = (pod, nodeName) -> {
        if (bindFailuresToInject.remove(pod.getMetadata().getName())) {
            throw new Binder.BindException("pods \"" + pod.getMetadata().getName() + "\" conflict");
        }
        bindings.put(pod.getMetadata().getName(), nodeName);
    };
    private final SchedulingListener listener = new SchedulingListener() {
        @Override
        public void unschedulable(Pod pod, SchedulingFailure failure) {
            failures.add(failure);
        }
    };
    private final Random random = new Random(42);
    private final Scheduler scheduler = new Scheduler((s, ns) -> DefaultProfile.create(binder, s, ns, random), listener, clock,
            random, Runnable::run);

    @AfterEach
    void close() {
        scheduler.close();
    }

    private void addNodes(Node... nodes) {
        for (Node node : nodes) {
            scheduler.addNode(node);
        }
    }

    private void addPods(List<Pod> pods) {
        pods.forEach(scheduler::addPod);
    }

    @Test
    void podGoesToTheOnlyNodeWithRoom() {
        addNodes(node("n1").cpu("1").build(), node("n2").cpu("1").build(), node("n3").cpu("1").build());
        addPods(List.of(pod("a").cpu("800m").node("n1").build(), pod("c").cpu("800m").node("n3").build()));

        scheduler.addPod(pod("p").cpu("500m").build());
        assertThat(scheduler.scheduleNext()).isTrue();

        assertThat(bindings).containsExactly(Map.entry("p", "n2"));
        assertThat(failures).isEmpty();
        String key = "default-p";
        assertThat(scheduler.cache().isAssumed(key)).isTrue();
        // the bound pod's own event confirms the assumption
        scheduler.updatePod(pod("p").cpu("500m").build(), pod("p").cpu("500m").node("n2").build());
        assertThat(scheduler.cache().isAssumed(key)).isFalse();
        assertThat(scheduler.cache().hasPod(key)).isTrue();
    }

    @Test
    void assumedPodsCountForTheNextCycle() {
        addNodes(node("n1").cpu("1").build(), node("n2").cpu("1").build());
        scheduler.addPod(pod("p1").cpu("1").build());
        scheduler.addPod(pod("p2").cpu("1").build());
        scheduler.addPod(pod("p3").cpu("1").build());
        while (scheduler.scheduleNext()) {
            // drain
        }
        assertThat(bindings.values()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(failures).extracting(SchedulingFailure::message).containsExactly(
                "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: "
                        + "2 No preemption victims found for incoming pod.");
    }

    record FitErrorCase(String name, List<Node> nodes, List<Pod> existing, Pod pod, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FitErrorCase> fitErrorCases() {
        List<Node> zones = List.of(node("n1").cpu("1").label("zone", "a").build(),
                node("n2").label("zone", "b").build(), node("n3").label("zone", "b").build());
        return Stream.of(
                new FitErrorCase("more cpu than the node has", zones, List.of(),
                        pod("p").cpu("2").nodeSelector("zone", "a").build(),
                        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. "
                                + "preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."),
                new FitErrorCase("cpu taken by an equal-priority pod", zones,
                        List.of(pod("busy").cpu("800m").node("n1").build()),
                        pod("p").cpu("500m").nodeSelector("zone", "a").build(),
                        "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector. "
                                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
                                + "2 Preemption is not helpful for scheduling."),
                new FitErrorCase("taints and a cordon", List.of(node("n1").taint("dedicated", "db", "NoSchedule").build(),
                                node("n2").unschedulable().build()), List.of(), pod("p").build(),
                        "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: db}, 1 node(s) were unschedulable. "
                                + "preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."),
                new FitErrorCase("a pod pinned to a full node (a DaemonSet pod)",
                        List.of(node("n1").build(), node("n2").pods(1).build(), node("n3").build()),
                        List.of(pod("other").node("n2").build()), pod("p").requiredNodeName("n2").build(),
                        "0/3 nodes are available: 1 Too many pods, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. "
                                + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, "
                                + "2 Preemption is not helpful for scheduling."),
                new FitErrorCase("host port taken everywhere", List.of(node("n1").build()),
                        List.of(pod("web").hostPort(80, null, null).node("n1").build()),
                        pod("p").hostPort(80, null, null).preemptionPolicy("Never").build(),
                        "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. "
                                + "preemption: not eligible due to preemptionPolicy=Never."));
    }

    @ParameterizedTest
    @MethodSource("fitErrorCases")
    void unschedulablePodGetsKubernetesMessage(FitErrorCase c) {
        c.nodes().forEach(scheduler::addNode);
        addPods(c.existing());
        scheduler.addPod(c.pod());

        assertThat(scheduler.scheduleNext()).isTrue();

        assertThat(bindings).isEmpty();
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).reason()).isEqualTo("Unschedulable");
        assertThat(failures.get(0).message()).isEqualTo(c.message());
        assertThat(scheduler.queue().unschedulableCount()).isEqualTo(1);
    }

    @Test
    void preemptionEvictsTheLowPriorityPodAndTheVictimsDeletionLetsThePodIn() {
        addNodes(node("n1").cpu("4").build(), node("n2").cpu("4").build());
        Pod low = pod("low").cpu("4").priority(1).node("n1").build();
        addPods(List.of(low, pod("important").cpu("4").priority(1000).node("n2").build()));

        scheduler.addPod(pod("p").cpu("2").priority(100).build());
        scheduler.scheduleNext();

        assertThat(failures).hasSize(1);
        SchedulingFailure failure = failures.get(0);
        assertThat(failure.nominatedNodeName()).isEqualTo("n1");
        assertThat(failure.victims()).extracting(v -> v.getMetadata().getName()).containsExactly("low");
        assertThat(failure.message()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu.");

        // the caller deletes the victim; its deletion event retries the pod after its backoff
        scheduler.removePod(low);
        // a lower-priority pod arriving meanwhile must not take the room made for p
        scheduler.addPod(pod("sneaky").cpu("3").build());
        assertThat(scheduler.scheduleNext()).isTrue();
        assertThat(bindings).doesNotContainKey("sneaky");
        assertThat(failures.get(1).message()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu. "
                + "preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.");

        clock.advance(Duration.ofSeconds(1));
        scheduler.queue().flushBackoffCompleted();
        assertThat(scheduler.scheduleNext()).isTrue();
        assertThat(bindings).containsExactly(Map.entry("p", "n1"));
    }

    @Test
    void failedBindingForgetsThePodAndRetriesWithBackoff() {
        addNodes(node("n1").cpu("1").build());
        bindFailuresToInject.add("p");
        scheduler.addPod(pod("p").cpu("1").build());

        scheduler.scheduleNext();

        assertThat(failures).extracting(SchedulingFailure::reason).containsExactly("SchedulerError");
        assertThat(failures.get(0).message()).isEqualTo("pods \"p\" conflict");
        assertThat(scheduler.cache().hasPod("default-p")).isFalse();
        assertThat(scheduler.queue().backoffCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        scheduler.queue().flushBackoffCompleted();
        scheduler.scheduleNext();
        assertThat(bindings).containsExactly(Map.entry("p", "n1"));
    }

    @Test
    void aNewNodeRetriesParkedPods() {
        addNodes(node("small").cpu("1").build());
        scheduler.addPod(pod("p").cpu("2").build());
        scheduler.scheduleNext();
        assertThat(scheduler.queue().unschedulableCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        scheduler.addNode(node("big").cpu("8").build());
        assertThat(scheduler.scheduleNext()).isTrue();
        assertThat(bindings).containsExactly(Map.entry("p", "big"));
    }

    @Test
    void startedSchedulerBindsInTheBackgroundAndStopsOnClose() {
        Map<String, String> bound = new ConcurrentHashMap<>();
        Scheduler running = Scheduler.withDefaultProfile((pod, node) -> bound.put(pod.getMetadata().getName(), node),
                SchedulingListener.NONE, java.time.Clock.systemUTC());
        running.start();
        running.addNode(node("n1").build());
        running.addPod(pod("p").build());
        org.awaitility.Awaitility.await().until(() -> "n1".equals(bound.get("p")));

        running.close();
        Thread schedulingThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("j8s-scheduler")).findFirst().orElse(null);
        assertThat(schedulingThread == null || !schedulingThread.isAlive()).isTrue();
    }

    @Test
    void noNodesIsASchedulerError() {
        scheduler.addPod(pod("p").build());
        scheduler.scheduleNext();
        assertThat(failures).extracting(SchedulingFailure::reason, SchedulingFailure::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SchedulerError", "no nodes available to schedule pods"));
    }

    @Test
    void podsForOtherSchedulersAndGatedPodsAreNotQueued() {
        addNodes(node("n1").build());
        Pod other = pod("other").build();
        other.getSpec().setSchedulerName("my-scheduler");
        scheduler.addPod(other);
        Pod gated = pod("gated").build();
        gated.getSpec().setSchedulingGates(List.of(new io.fabric8.kubernetes.api.model.PodSchedulingGate("wait")));
        scheduler.addPod(gated);
        assertThat(scheduler.scheduleNext()).isFalse();

        scheduler.updatePod(gated, pod("gated").build());
        assertThat(scheduler.scheduleNext()).isTrue();
        assertThat(bindings).containsOnlyKeys("gated");
    }

    @Test
    void spreadsReplicasOverNodesByScore() {
        addNodes(node("n1").build(), node("n2").build(), node("n3").build());
        for (int i = 0; i < 6; i++) {
            scheduler.addPod(pod("web-" + i).cpu("500m").memory("512Mi").build());
        }
        while (scheduler.scheduleNext()) {
            // drain
        }
        // LeastAllocated + BalancedAllocation alternate nodes: two replicas each
        assertThat(bindings.values().stream().distinct().count()).isEqualTo(3);
        assertThat(bindings.values().stream().filter("n1"::equals).count()).isEqualTo(2);
    }
}
