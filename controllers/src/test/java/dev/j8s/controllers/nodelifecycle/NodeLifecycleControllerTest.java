package dev.j8s.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.time.ManualScheduler;
import dev.j8s.controllers.batchtest.BatchTestCluster;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node lifecycle controller against the real API server, on a fake clock: the test plays the
 * node agent (Node and Lease written here, renewed or not) and moves time forward itself.
 */
class NodeLifecycleControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration STEP = Duration.ofMillis(250);
    private static final NodeLifecycleController.Options OPTIONS =
            new NodeLifecycleController.Options(Duration.ofSeconds(1), Duration.ofSeconds(1));

    record Recorded(String object, String reason, String message) {}

    private static final List<Recorded> events = new CopyOnWriteArrayList<>();
    private static final EventRecorder RECORDER = (HasMetadata object, String type, String reason, String message) ->
            events.add(new Recorded(object.getMetadata().getName(), reason, message));
    private static final AtomicLong renewals = new AtomicLong();

    private static BatchTestCluster cluster;
    private static ManualScheduler time;
    private static NodeLifecycleController controller;
    private static ResourceClient<Node> nodes;
    private static ResourceClient<Lease> leases;
    private static ResourceClient<Pod> pods;
    private static String ns;

    @BeforeAll
    static void start() throws Exception {
        cluster = new BatchTestCluster();
        time = new ManualScheduler();
        controller = new NodeLifecycleController(cluster.client, cluster.informers, RECORDER, time, 2, OPTIONS);
        cluster.informers.start();
        cluster.informers.waitForCacheSync(WAIT);
        controller.start();
        nodes = cluster.client.resources(Node.class);
        leases = cluster.client.resources(Lease.class);
        pods = cluster.client.resources(Pod.class);
        ns = cluster.namespace("lifecycle");
    }

    @AfterAll
    static void stop() throws Exception {
        controller.close();
        cluster.close();
    }

    /** A registered, Ready node holding its Lease, as an agent leaves it. */
    private static void registerNode(String name) {
        registerNodeWithoutLease(name);
        leases.create(new LeaseBuilder().withNewMetadata().withNamespace(NodeLifecycleController.LEASE_NAMESPACE)
                .withName(name).endMetadata().withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(1)
                .withRenewTime(renewTime()).endSpec().build());
    }

    private static void registerNodeWithoutLease(String name) {
        Node node = nodes.create(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build());
        String now = Timestamps.format(Instant.now());
        node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().addNewCondition().withType("Ready")
                .withStatus("True").withReason("KubeletReady").withMessage("kubelet is posting ready status")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition().build());
        nodes.updateStatus(node);
    }

    private static void renewLease(String name) {
        Lease lease = leases.get(NodeLifecycleController.LEASE_NAMESPACE, name);
        lease.getSpec().setRenewTime(renewTime());
        leases.update(lease);
    }

    /** A renewTime never written before (the agent's clock does not matter, only that it changes). */
    private static ZonedDateTime renewTime() {
        return ZonedDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusNanos(renewals.incrementAndGet() * 1000);
    }

    /** A pod bound to the node and Ready there. */
    private static Pod runningPod(String name, String node, List<Toleration> tolerations, long gracePeriod) {
        Pod pod = pods.create(new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName(node).withTolerations(tolerations).withTerminationGracePeriodSeconds(gracePeriod)
                .addNewContainer().withName("app").withImage("busybox").endContainer().endSpec().build());
        pod.getStatus().setPhase("Running");
        pod.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus("True").build()));
        return pods.updateStatus(pod);
    }

    private static NodeCondition ready(String node) {
        return nodes.get(null, node).getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                .findFirst().orElseThrow();
    }

    private static List<Taint> taints(String node) {
        Node current = nodes.get(null, node);
        return current.getSpec() == null || current.getSpec().getTaints() == null ? List.of() : current.getSpec().getTaints();
    }

    private static Pod pod(String name) {
        try {
            return pods.get(ns, name);
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    /** Moves the fake clock forward a step at a time until the condition holds. */
    private static void advanceUntil(Callable<Boolean> condition) {
        await().atMost(WAIT).until(() -> {
            time.advance(STEP);
            return condition.call();
        });
    }

    @Test
    void aStaleLeaseMakesTheNodeUnknownAndTaintedAndARenewalMakesItReadyAgain() {
        registerNode("stale");
        Instant registered = time.now();

        advanceUntil(() -> "Unknown".equals(ready("stale").getStatus()));
        assertThat(Duration.between(registered, time.now())).as("grace period on the controller's clock")
                .isGreaterThanOrEqualTo(OPTIONS.nodeMonitorGracePeriod());
        NodeCondition unknown = ready("stale");
        assertThat(unknown.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(unknown.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("stale"))
                .extracting(Taint::getKey, Taint::getEffect)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(NodeTaints.UNREACHABLE, "NoSchedule"),
                        org.assertj.core.groups.Tuple.tuple(NodeTaints.UNREACHABLE, "NoExecute")));
        assertThat(events).contains(new Recorded("stale", "NodeNotReady", "Node stale status is now: NodeNotReady"));

        renewLease("stale");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ready("stale").getStatus()).isEqualTo("True");
            assertThat(taints("stale")).isEmpty();
        });
        assertThat(ready("stale").getReason()).isEqualTo("KubeletReady");
    }

    @Test
    void aNodeNoAgentEverHeldALeaseForIsLeftAlone() {
        registerNodeWithoutLease("by-hand");
        registerNode("witness");
        // The witness going Unknown shows the controller lived through the grace period of both.
        advanceUntil(() -> "Unknown".equals(ready("witness").getStatus()));
        time.advance(OPTIONS.nodeMonitorGracePeriod().multipliedBy(3));
        assertThat(ready("by-hand").getStatus()).isEqualTo("True");
        assertThat(taints("by-hand")).isEmpty();
    }

    @Test
    void podsThatDoNotTolerateUnreachableAreEvictedAndForceDeletedWhileATolerantOneStays() {
        registerNode("lost");
        runningPod("plain", "lost", List.of(), 5);
        runningPod("patient", "lost", List.of(new TolerationBuilder().withKey(NodeTaints.UNREACHABLE)
                .withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(60L).build()), 5);

        advanceUntil(() -> taints("lost").size() == 2);
        Instant tainted = Timestamps.parse(taints("lost").stream().filter(t -> "NoExecute".equals(t.getEffect()))
                .findFirst().orElseThrow().getTimeAdded());
        // MarkPodsNotReady: nothing vouches for pods on a node that stopped reporting.
        await().atMost(WAIT).untilAsserted(() -> assertThat(pod("plain").getStatus().getConditions())
                .anySatisfy(c -> assertThat(c.getStatus()).isEqualTo("False")));

        advanceUntil(() -> pod("plain").getMetadata().getDeletionTimestamp() != null);
        Instant evicted = time.now();
        assertThat(Duration.between(tainted, evicted)).as("default toleration of unreachable")
                .isGreaterThanOrEqualTo(OPTIONS.podEvictionTimeout());
        assertThat(events).contains(new Recorded("plain", "TaintManagerEviction", "Marking for deletion Pod lifecycle/plain"));

        // The node never confirms the stop: once the pod's 5 s grace period is over it is force-deleted.
        advanceUntil(() -> pod("plain") == null);
        assertThat(Duration.between(evicted, time.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(5).minus(STEP));
        assertThat(pod("patient").getMetadata().getDeletionTimestamp()).as("tolerates unreachable for 60 s").isNull();
        assertThat(events).noneMatch(e -> e.object().equals("patient") && e.reason().equals("TaintManagerEviction"));

        renewLease("lost");
        await().atMost(WAIT).untilAsserted(() -> assertThat(taints("lost")).isEmpty());
        time.advance(Duration.ofSeconds(61));
        assertThat(pod("patient").getMetadata().getDeletionTimestamp()).as("the taint is gone, so is its clock").isNull();
    }
}
