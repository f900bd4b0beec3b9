package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes the node's pod range to the runtime, as the kubelet's updatePodCIDR does (CRI UpdateRuntimeConfig
 * once the node controller's IPAM has set spec.podCIDR): the runtime's pod network takes addresses from it.
 * Until then sandboxes cannot get an address; so that a node without a node IPAM controller still starts
 * pods quickly, the configured default range is used once {@code wait} has passed without one.
 */
final class PodCidrUpdater {

    private static final Logger log = LoggerFactory.getLogger(PodCidrUpdater.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SLOW_POLL = Duration.ofSeconds(2);

    private final ResourceClient<Node> nodes;
    private final ContainerRuntime runtime;
    private final String nodeName;
    private final String fallback;
    private final Duration wait;
    private final Clock clock;

    PodCidrUpdater(ResourceClient<Node> nodes, ContainerRuntime runtime, String nodeName, String fallback,
                   Duration wait, Clock clock) {
        this.nodes = nodes;
        this.runtime = runtime;
        this.nodeName = nodeName;
        this.fallback = fallback;
        this.wait = wait;
        this.clock = clock;
    }

    /**
     * Waits for spec.podCIDR (or, after {@code wait}, the fallback when there is one) and hands it to the
     * runtime; returns the range used.
     */
    String run() throws InterruptedException {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            String cidr = podCidrs(nodeOrNull());
            if (cidr != null) {
                return apply(cidr, "spec.podCIDR");
            }
            if (fallback != null && !clock.instant().isBefore(deadline)) {
                log.info("node {} has no spec.podCIDR after {}; pods use the default range {}", nodeName, wait, fallback);
                return apply(fallback, "default");
            }
            // A poll period (the node is read again), slower once the quick start-up window is over.
            Thread.sleep(clock.instant().isBefore(deadline) ? POLL : SLOW_POLL);
        }
    }

    /** spec.podCIDRs comma-separated (dual stack), else spec.podCIDR; null when unassigned. */
    static String podCidrs(Node node) {
        if (node == null || node.getSpec() == null) {
            return null;
        }
        List<String> cidrs = node.getSpec().getPodCIDRs();
        if (cidrs != null && !cidrs.isEmpty()) {
            return String.join(",", cidrs);
        }
        String cidr = node.getSpec().getPodCIDR();
        return cidr == null || cidr.isBlank() ? null : cidr;
    }

    private Node nodeOrNull() {
        try {
            return nodes.get(null, nodeName);
        } catch (RuntimeException e) {
            // Not registered yet, or the API server is briefly unreachable: look again at the next poll.
            return null;
        }
    }

    private String apply(String cidr, String source) throws InterruptedException {
        while (true) {
            try {
                runtime.updatePodCidr(cidr);
                log.info("node {}: pod network {} ({})", nodeName, cidr, source);
                return cidr;
            } catch (RuntimeException e) {
                log.warn("node {}: cannot pass pod CIDR {} to the runtime, retrying: {}", nodeName, cidr, e.toString());
                Thread.sleep(Duration.ofSeconds(1)); // retry period
            }
        }
    }
}
