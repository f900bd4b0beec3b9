package dev.j8s.controllers.nodelifecycle;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node brought in line with its heartbeat (nodelifecycle's monitorNodeHealth for one node,
 * then the NoExecute tainting pass and the taint eviction of its pods): Ready=Unknown once its
 * Lease is overdue, with its pods marked not ready; the readiness taints that follow Ready; and
 * the evictions and force deletions that the taints call for.
 */
final class NodeLifecycleReconciler implements Reconciler {

    private final Indexer<Node> nodes;
    private final Indexer<Lease> leases;
    private final Indexer<Pod> pods;
    private final ResourceClient<Node> nodeClient;
    private final ResourceClient<Pod> podClient;
    private final HeartbeatTracker heartbeats;
    private final TaintEvictor evictor;
    private final TerminatingPodCollector collector;
    private final EventRecorder recorder;
    private final Clock clock;
    private final Duration gracePeriod;

    NodeLifecycleReconciler(Indexer<Node> nodes, Indexer<Lease> leases, Indexer<Pod> pods,
                            ResourceClient<Node> nodeClient, ResourceClient<Pod> podClient, HeartbeatTracker heartbeats,
                            EventRecorder recorder, Clock clock, NodeLifecycleController.Options options) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.nodeClient = nodeClient;
        this.podClient = podClient;
        this.heartbeats = heartbeats;
        this.evictor = new TaintEvictor(podClient, recorder, options.podEvictionTimeout());
        this.collector = new TerminatingPodCollector(podClient);
        this.recorder = recorder;
        this.clock = clock;
        this.gracePeriod = options.nodeMonitorGracePeriod();
    }

    @Override
    public Result reconcile(String nodeName) {
        Node node = nodes.get(nodeName);
        if (node == null) {
            heartbeats.forget(nodeName);
            collector.forget(nodeName);
            return Result.done();
        }
        Lease lease = leases.get(ObjectKeys.key(NodeLifecycleController.LEASE_NAMESPACE, nodeName));
        if (lease != null && lease.getSpec() != null) {
            heartbeats.observe(nodeName, Objects.toString(lease.getSpec().getRenewTime(), null));
        }
        if (!heartbeats.knows(nodeName)) {
            // No agent ever held this node's Lease (a Node written by hand): there is no heartbeat to miss.
            return Result.done();
        }
        Instant now = clock.instant();
        Duration remaining = heartbeats.remainingGrace(nodeName, gracePeriod);
        boolean overdue = remaining.isNegative() || remaining.isZero();
        List<Pod> onNode = pods.byIndex(Indexes.NODE_NAME, nodeName);

        Node current = updateReady(node, overdue, now);
        current = updateTaints(current, now);
        if (overdue) {
            markPodsNotReady(onNode, now);
        }

        Result next = overdue ? Result.done() : Result.requeueAfter(remaining);
        return next.sooner(evictor.sync(current, onNode, now)).sooner(collector.sync(current, onNode, now));
    }

    private Node updateReady(Node node, boolean overdue, Instant now) {
        List<NodeCondition> old = node.getStatus() == null ? null : node.getStatus().getConditions();
        List<NodeCondition> wanted = NodeReadyCondition.update(old, overdue, now);
        if (wanted == old) {
            return node;
        }
        Node copy = Copies.deepCopy(node);
        if (copy.getStatus() == null) {
            copy.setStatus(new NodeStatus());
        }
        copy.getStatus().setConditions(wanted);
        Node updated = nodeClient.updateStatus(copy);
        String status = overdue ? "NodeNotReady" : "NodeReady";
        recorder.eventf(updated, EventRecorder.NORMAL, status, "Node %s status is now: %s",
                node.getMetadata().getName(), status);
        return updated;
    }

    private Node updateTaints(Node node, Instant now) {
        List<Taint> old = node.getSpec() == null ? null : node.getSpec().getTaints();
        String ready = NodeReadyCondition.status(node.getStatus() == null ? null : node.getStatus().getConditions());
        List<Taint> wanted = NodeTaints.reconcile(old, ready, now);
        if (NodeTaints.same(old, wanted)) {
            return node;
        }
        Node copy = Copies.deepCopy(node);
        if (copy.getSpec() == null) {
            copy.setSpec(new NodeSpec());
        }
        copy.getSpec().setTaints(wanted);
        return nodeClient.update(copy);
    }

    /**
     * MarkPodsNotReady: a pod on a node that stopped reporting cannot be known to serve, so its
     * Ready condition turns False and Services and rollouts stop counting on it at once.
     */
    private void markPodsNotReady(List<Pod> onNode, Instant now) {
        for (Pod pod : onNode) {
            List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
            if (conditions == null || conditions.stream().noneMatch(c -> NodeReadyCondition.READY.equals(c.getType())
                    && "True".equals(c.getStatus()))) {
                continue;
            }
            Pod copy = Copies.deepCopy(pod);
            List<PodCondition> updated = new ArrayList<>();
            for (PodCondition c : copy.getStatus().getConditions()) {
                if (NodeReadyCondition.READY.equals(c.getType())) {
                    c.setStatus("False");
                    c.setLastTransitionTime(Timestamps.format(now));
                }
                updated.add(c);
            }
            copy.getStatus().setConditions(updated);
            try {
                podClient.updateStatus(copy);
                recorder.event(pod, EventRecorder.WARNING, "NodeNotReady", "Node is not ready");
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
    }
}
