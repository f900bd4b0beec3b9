package dev.j8s.controllers.nodeipam;

import dev.j8s.api.net.Ipv4Cidr;
import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import io.fabric8.kubernetes.api.model.Node;

/**
 * The node IPAM controller (kube-controller-manager's range allocator): every node gets a {@code spec.podCIDR}
 * from the cluster CIDR, one {@code /node-cidr-mask-size} each; nodes that bring their own keep it.
 */
public final class NodeIpamController implements AutoCloseable {

    public static final String NAME = "node-ipam-controller";

    /** {@code --cluster-cidr} and {@code --node-cidr-mask-size} (k3s defaults 10.42.0.0/16 and 24). */
    public record Settings(String clusterCidr, int nodeCidrMaskSize) {
        public static final Settings DEFAULTS = new Settings("10.42.0.0/16", 24);

        /** Throws IllegalArgumentException for a range or mask size that cannot work. */
        public void validate() {
            ranges();
        }

        NodeCidrs ranges() {
            return new NodeCidrs(Ipv4Cidr.parse(clusterCidr), nodeCidrMaskSize);
        }
    }

    private final ControllerRunner runner;

    public NodeIpamController(KubeClient client, SharedInformerFactory informers, EventRecorder recorder,
                              Settings settings) {
        SharedIndexInformer<Node> nodes = informers.informerFor(Node.class);
        // One worker: allocation reads "what is taken" and then takes, which must not interleave.
        this.runner = new ControllerRunner(NAME, new NodeIpamReconciler(nodes.indexer(), client.resources(Node.class),
                recorder, settings.ranges()), 1);
        nodes.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                runner.enqueue(node.getMetadata().getName());
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                if (NodeCidrs.of(newNode).isEmpty() || NodeCidrs.of(oldNode).isEmpty()) {
                    runner.enqueue(newNode.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Node node) {
                runner.enqueue(node.getMetadata().getName());
                // Its range is free now: nodes waiting for one need not wait for their retry.
                for (Node waiting : nodes.indexer().list()) {
                    if (NodeCidrs.of(waiting).isEmpty()) {
                        runner.enqueue(waiting.getMetadata().getName());
                    }
                }
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
}
