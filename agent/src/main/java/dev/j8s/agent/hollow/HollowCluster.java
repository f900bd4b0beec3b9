package dev.j8s.agent.hollow;

import dev.j8s.client.KubeClient;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.time.ThreadScheduler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Many simulated nodes in one process, for scale tests of the control plane (like kubemark's
 * hollow nodes or kwok): each registers a Ready Node and renews its Lease, and the pods bound to
 * it run, finish and go away as a kubelet would report them, with no containers anywhere; each node
 * reports synthetic resource usage to metrics.k8s.io as metrics-server would gather it.
 * Heartbeats and pods are each served by a fixed few threads, so 5,000 nodes fit in one process.
 */
public final class HollowCluster implements AutoCloseable {

    private final Map<String, HollowNode> nodes;
    private final NodeHeartbeat heartbeat;
    private final HollowKubelet kubelet;
    private final MetricsReporter metrics;
    private final ThreadScheduler ownScheduler;

    /** A cluster on real time; its timer thread is its own. */
    public HollowCluster(KubeClient client, HollowConfig config) {
        this(client, config, new ThreadScheduler("j8s-hollow-timer"), true);
    }

    /** A cluster on the given time (the caller owns {@code scheduler}). */
    public HollowCluster(KubeClient client, HollowConfig config, Scheduler scheduler) {
        this(client, config, scheduler, false);
    }

    private HollowCluster(KubeClient client, HollowConfig config, Scheduler scheduler, boolean ownsScheduler) {
        Map<String, HollowNode> byName = new LinkedHashMap<>();
        for (int i = 0; i < config.nodes(); i++) {
            String name = config.nodeName(i);
            byName.put(name, new HollowNode(name, i, config.capacity()));
        }
        this.nodes = Collections.unmodifiableMap(byName);
        this.heartbeat = new NodeHeartbeat(client, nodes, config, scheduler);
        this.kubelet = new HollowKubelet(client, nodes, config, scheduler);
        this.metrics = new MetricsReporter(client, nodes, kubelet::podsOn, config.metricsInterval(), scheduler);
        this.ownScheduler = ownsScheduler ? (ThreadScheduler) scheduler : null;
    }

    /** Starts registering nodes, renewing Leases and running pods; returns at once. */
    public HollowCluster start() {
        heartbeat.start();
        kubelet.start();
        metrics.start();
        return this;
    }

    public List<HollowNode> nodes() {
        return new ArrayList<>(nodes.values());
    }

    public Optional<HollowNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** How many nodes have their Node object and Lease in place. */
    public int registeredNodes() {
        return (int) nodes.keySet().stream().filter(heartbeat::isRegistered).count();
    }

    /** True once the pod informer holds its first list. */
    public boolean waitForPodSync(Duration timeout) throws InterruptedException {
        return kubelet.waitForSync(timeout);
    }

    /** The pods bound to a node, as the shared informer sees them. */
    public List<Pod> podsOn(String nodeName) {
        return kubelet.podsOn(nodeName);
    }

    /**
     * Simulates the failure of one node: its Lease is no longer renewed and its pods are no longer
     * updated or deleted. The Node object stays, as a crashed kubelet leaves it.
     */
    public void stop(String nodeName) {
        HollowNode node = nodes.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no hollow node named " + nodeName);
        }
        node.stop();
    }

    @Override
    public void close() {
        nodes.values().forEach(HollowNode::stop);
        metrics.close();
        heartbeat.close();
        kubelet.close();
        if (ownScheduler != null) {
            ownScheduler.close();
        }
    }
}
