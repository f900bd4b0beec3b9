package dev.j8s.controllers.nodelifecycle;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.client.time.Scheduler;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.util.Objects;

/**
 * The node lifecycle controller: notices nodes whose agent stopped renewing its Lease in
 * kube-node-lease, marks them Ready=Unknown and tainted unreachable, evicts the pods that do not
 * tolerate that, and undoes it all once the Lease is renewed again. Work items are node names;
 * Lease renewals are timed here, as they are observed (see {@link HeartbeatTracker}).
 */
public final class NodeLifecycleController implements AutoCloseable {

    public static final String NAME = "node-lifecycle-controller";
    public static final String LEASE_NAMESPACE = "kube-node-lease";

    /**
     * @param nodeMonitorGracePeriod how long a Lease may go unrenewed before the node is Unknown
     *                               (kube-controller-manager --node-monitor-grace-period, 40 s there)
     * @param podEvictionTimeout     how long pods without a toleration of their own stay on an
     *                               unreachable or not-ready node (DefaultTolerationSeconds, 300 s there)
     */
    public record Options(Duration nodeMonitorGracePeriod, Duration podEvictionTimeout) {
        /** j8s fails over in seconds, not minutes: a hollow or real j8s agent renews its Lease every few seconds. */
        public static final Options DEFAULTS = new Options(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private final HeartbeatTracker heartbeats;
    private final ControllerRunner runner;

    public NodeLifecycleController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                                   Scheduler scheduler, int workers, Options options) {
        SharedIndexInformer<Node> nodes = informers.informerFor(Node.class);
        SharedIndexInformer<Lease> leases = informers.informerFor(Lease.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        InformerIndexes.ensure(pods, Indexes.NODE_NAME, Indexes.podsByNodeName());
        this.heartbeats = new HeartbeatTracker(scheduler.clock());
        NodeLifecycleReconciler reconciler = new NodeLifecycleReconciler(nodes.indexer(), leases.indexer(),
                pods.indexer(), client.resources(Node.class), client.resources(Pod.class), heartbeats, recorder,
                scheduler.clock(), options);
        this.runner = new ControllerRunner(NAME, reconciler, workers, scheduler);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                runner.enqueue(node.getMetadata().getName());
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                runner.enqueue(newNode.getMetadata().getName());
            }

            @Override
            public void onDelete(Node node) {
                runner.enqueue(node.getMetadata().getName());
            }
        });
        leases.addEventHandler(new LeaseHandler());
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                enqueueNodeOf(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                enqueueNodeOf(newPod);
            }
        });
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }

    /** A pod bound to a node may need evicting or force-deleting if that node is tainted. */
    private void enqueueNodeOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty()) {
            runner.enqueue(node);
        }
    }

    /** Times each renewal when it is seen, before the node's key waits in the queue. */
    private final class LeaseHandler implements ResourceEventHandler<Lease> {
        @Override
        public void onAdd(Lease lease) {
            observe(lease);
        }

        @Override
        public void onUpdate(Lease oldLease, Lease newLease) {
            observe(newLease);
        }

        private void observe(Lease lease) {
            if (!LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace()) || lease.getSpec() == null) {
                return;
            }
            String node = lease.getMetadata().getName();
            heartbeats.observe(node, Objects.toString(lease.getSpec().getRenewTime(), null));
            runner.enqueue(node);
        }
    }
}
