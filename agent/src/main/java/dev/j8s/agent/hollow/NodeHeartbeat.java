package dev.j8s.agent.hollow;

import dev.j8s.agent.node.NodeLease;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.workqueue.DelayingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers every hollow node and keeps its coordination.k8s.io Lease in kube-node-lease fresh, as
 * the kubelet's node lease controller does. All nodes share one delaying queue of node names and a
 * few worker threads: a node is due again one lease interval after its last beat, so thousands of
 * nodes cost no thread each, and their renewals spread out over the interval by themselves.
 */
final class NodeHeartbeat implements AutoCloseable {

    static final String LEASE_NAMESPACE = NodeLease.NAMESPACE;
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final ResourceClient<Node> nodes;
    private final Map<String, HollowNode> byName;
    private final HollowConfig config;
    private final Scheduler scheduler;
    private final DelayingQueue<String> due;
    private final NodeLease lease;
    private final Map<String, String> nodeUids = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();

    NodeHeartbeat(KubeClient client, Map<String, HollowNode> byName, HollowConfig config, Scheduler scheduler) {
        this.nodes = client.resources(Node.class);
        this.lease = new NodeLease(client.resources(Lease.class));
        this.byName = byName;
        this.config = config;
        this.scheduler = scheduler;
        this.due = new DelayingQueue<>(scheduler);
    }

    void start() {
        byName.keySet().forEach(due::add);
        for (int i = 0; i < workerCount(); i++) {
            workers.add(Thread.ofVirtual().name("j8s-hollow-heartbeat-" + i).start(this::work));
        }
    }

    /**
     * Each real kubelet renews its own Lease, so renewals never queue behind each other's round trips. A few
     * workers for thousands of nodes did: 32 workers at 300 ms per write under load renew ~100 Leases per
     * second, fewer than 5,000 nodes on a 10 s interval need, and nodes the server is slow to answer then went
     * NotReady. One virtual worker per 5 nodes (up to 1,000) keeps up with the kubelet's 10 s interval at
     * write latencies up to two seconds; a renewal still waits until it is due, so more workers add no writes.
     */
    private int workerCount() {
        return Math.max(config.workers(), Math.min(MAX_WORKERS, (config.nodes() + 4) / 5));
    }

    private static final int MAX_WORKERS = 1000;

    /** True once the node's Node object and Lease exist. */
    boolean isRegistered(String nodeName) {
        return lease.hasLease(nodeName);
    }

    private void work() {
        try {
            String name;
            while ((name = due.get()) != null) {
                Duration next = beat(name);
                due.done(name);
                HollowNode node = byName.get(name);
                if (next != null && node.isRunning()) {
                    due.addAfter(name, next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One beat: register if needed, then renew; returns when the node is due again. */
    private Duration beat(String name) {
        HollowNode node = byName.get(name);
        if (!node.isRunning()) {
            return null;
        }
        try {
            if (!nodeUids.containsKey(name)) {
                nodeUids.put(name, register(node));
            }
            renewLease(node);
            return config.leaseInterval();
        } catch (RuntimeException e) {
            // A worker serves every node: one node's failure is logged and retried, never fatal to the rest.
            log.warn("hollow node {}: heartbeat failed, retrying: {}", name, e.toString());
            return RETRY;
        }
    }

    /** Creates the Node (or takes over an existing one, after a restart) and writes its status. */
    private String register(HollowNode node) {
        Node desired = node.toNode();
        Node stored;
        try {
            stored = nodes.create(new NodeBuilder(desired).withStatus(null).build());
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            stored = nodes.get(null, node.name());
        }
        stored.setStatus(node.status(scheduler.clock().instant()));
        return nodes.updateStatus(stored).getMetadata().getUid();
    }

    private void renewLease(HollowNode node) {
        lease.renew(node.name(), nodeUids.get(node.name()), config.leaseDurationSeconds(), scheduler.clock().instant());
    }

    @Override
    public void close() {
        due.shutDown();
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
