package dev.j8s.agent.hollow;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Pod IPs of one hollow node: hosts .2 to .254 of its /24 pod CIDR (.1 is the node's bridge on a
 * real node), one per pod uid, returned to the pool when the pod goes away. The addresses are
 * never contacted; they only need to be distinct, as a CNI plugin's would be.
 */
final class PodAddressPool {

    private static final int FIRST_HOST = 2;
    private static final int LAST_HOST = 254;

    private final String networkPrefix;
    private final BitSet used = new BitSet(LAST_HOST + 1);
    private final Map<String, Integer> byPod = new HashMap<>();

    /** @param networkPrefix the first three octets with a trailing dot, e.g. {@code 10.64.3.} */
    PodAddressPool(String networkPrefix) {
        this.networkPrefix = networkPrefix;
    }

    /** The pod's address: the one it already has, or the lowest free one. */
    synchronized String allocate(String podUid) {
        Integer host = byPod.get(podUid);
        if (host == null) {
            int free = used.nextClearBit(FIRST_HOST);
            if (free > LAST_HOST) {
                throw new IllegalStateException("no free pod address in " + networkPrefix + "0/24");
            }
            used.set(free);
            byPod.put(podUid, free);
            host = free;
        }
        return networkPrefix + host;
    }

    /**
     * Records an address a pod already reports (after an agent restart), so it is not handed out
     * twice; an address outside this node's range, or already taken, is ignored.
     */
    synchronized void reserve(String podUid, String address) {
        if (address == null || !address.startsWith(networkPrefix) || byPod.containsKey(podUid)) {
            return;
        }
        try {
            int host = Integer.parseInt(address.substring(networkPrefix.length()));
            if (host >= FIRST_HOST && host <= LAST_HOST && !used.get(host)) {
                used.set(host);
                byPod.put(podUid, host);
            }
        } catch (NumberFormatException e) {
            // Not one of ours: nothing to reserve.
        }
    }

    synchronized void release(String podUid) {
        Integer host = byPod.remove(podUid);
        if (host != null) {
            used.clear(host);
        }
    }

    synchronized int inUse() {
        return byPod.size();
    }
}
