package dev.j8s.controllers.nodeipam;

import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives a node without a pod range the lowest free one. Taken ranges are those of the cached nodes plus the
 * ones this controller assigned that the cache does not show yet; a deleted node's range is free again as soon
 * as it leaves the cache. Runs with one worker, so two nodes never get the same range from one process (and
 * only the control-plane leader runs it).
 */
final class NodeIpamReconciler implements Reconciler {

    /** How soon a node is retried when the cluster CIDR is full. */
    static final Duration FULL_RETRY = Duration.ofSeconds(30);

    private final Indexer<Node> nodes;
    private final ResourceClient<Node> api;
    private final EventRecorder recorder;
    private final NodeCidrs ranges;
    /** Assigned by this controller, not yet seen in the cache. */
    private final Map<String, String> pending = new ConcurrentHashMap<>();

    NodeIpamReconciler(Indexer<Node> nodes, ResourceClient<Node> api, EventRecorder recorder, NodeCidrs ranges) {
        this.nodes = nodes;
        this.api = api;
        this.recorder = recorder;
        this.ranges = ranges;
    }

    @Override
    public Result reconcile(String name) {
        Node node = nodes.get(name);
        if (node == null) {
            pending.remove(name);
            return Result.done();
        }
        if (!NodeCidrs.of(node).isEmpty()) {
            pending.remove(name);
            return Result.done();
        }
        if (pending.containsKey(name)) {
            // Patched already; the cache will show it.
            return Result.done();
        }
        List<String> taken = new ArrayList<>(pending.values());
        for (Node other : nodes.list()) {
            taken.addAll(NodeCidrs.of(other));
        }
        OptionalLong free = ranges.lowestFree(taken);
        if (free.isEmpty()) {
            // Kubernetes' range allocator reports the node status change this way.
            recorder.event(node, EventRecorder.NORMAL, "CIDRNotAvailable",
                    "Node " + name + " status is now: CIDRNotAvailable");
            return Result.requeueAfter(FULL_RETRY);
        }
        String cidr = ranges.cidr(free.getAsLong());
        api.patch(null, name, PatchType.MERGE,
                "{\"spec\":{\"podCIDR\":\"" + cidr + "\",\"podCIDRs\":[\"" + cidr + "\"]}}");
        pending.put(name, cidr);
        return Result.done();
    }
}
