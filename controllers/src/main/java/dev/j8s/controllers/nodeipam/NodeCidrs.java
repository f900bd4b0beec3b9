package dev.j8s.controllers.nodeipam;

import dev.j8s.api.net.Ipv4Cidr;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * The node ranges of a cluster CIDR (one {@code /maskSize} per node, Kubernetes' cidrset): which are taken by
 * the nodes' {@code spec.podCIDRs}, and the lowest free one (so the first node gets {@code 10.42.0.0/24}, and a
 * node that comes back after its range was released gets it again unless another took it meanwhile).
 */
public record NodeCidrs(Ipv4Cidr clusterCidr, int maskSize) {

    public NodeCidrs {
        if (maskSize < clusterCidr.prefix() || maskSize > 30) {
            throw new IllegalArgumentException("--node-cidr-mask-size " + maskSize + " does not fit in " + clusterCidr);
        }
    }

    public long capacity() {
        return clusterCidr.subnetCount(maskSize);
    }

    /** The ranges a node holds (podCIDRs, else podCIDR). */
    public static List<String> of(Node node) {
        List<String> cidrs = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getPodCIDRs() != null) {
            cidrs.addAll(node.getSpec().getPodCIDRs());
        }
        if (cidrs.isEmpty() && node.getSpec() != null && node.getSpec().getPodCIDR() != null
                && !node.getSpec().getPodCIDR().isEmpty()) {
            cidrs.add(node.getSpec().getPodCIDR());
        }
        return cidrs;
    }

    /** Which node range {@code cidr} is; empty when it lies outside the cluster CIDR or has another size. */
    OptionalLong indexOf(String cidr) {
        try {
            Ipv4Cidr parsed = Ipv4Cidr.parse(cidr);
            return parsed.prefix() == maskSize ? clusterCidr.subnetIndex(parsed) : OptionalLong.empty();
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** The lowest range none of {@code taken} (CIDR strings) occupies; empty when all are taken. */
    public OptionalLong lowestFree(Collection<String> taken) {
        BitSet used = new BitSet();
        for (String cidr : taken) {
            indexOf(cidr).ifPresent(i -> used.set((int) i));
        }
        int free = used.nextClearBit(0);
        return free < capacity() ? OptionalLong.of(free) : OptionalLong.empty();
    }

    public String cidr(long index) {
        return clusterCidr.subnet(index, maskSize).toString();
    }
}
