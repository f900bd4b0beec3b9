package dev.j8s.agent.node;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node Leases in kube-node-lease, renewed as the kubelet's node lease controller does: the first
 * renewal creates the Lease (owned by the Node, so deleting the Node lets the garbage collector take
 * it) or takes over an existing one; later renewals update the Lease last written, with its
 * resourceVersion. One instance serves any number of nodes.
 */
public final class NodeLease {

    public static final String NAMESPACE = "kube-node-lease";

    private final ResourceClient<Lease> leases;
    /** The Lease each node last wrote: renewals send its resourceVersion, like the kubelet's. */
    private final Map<String, Lease> lastLease = new ConcurrentHashMap<>();

    public NodeLease(ResourceClient<Lease> leases) {
        this.leases = leases;
    }

    /** True once the node's Lease was written at least once. */
    public boolean hasLease(String nodeName) {
        return lastLease.containsKey(nodeName);
    }

    /** Creates or renews the node's Lease; on a conflict the next renewal reads it afresh. */
    public void renew(String nodeName, String nodeUid, int durationSeconds, Instant now) {
        ZonedDateTime renewTime = now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
        Lease last = lastLease.get(nodeName);
        try {
            if (last == null) {
                lastLease.put(nodeName, createOrRead(nodeName, nodeUid, durationSeconds, renewTime));
            } else {
                lastLease.put(nodeName, leases.update(renewed(last, nodeName, durationSeconds, renewTime)));
            }
        } catch (ApiStatusException e) {
            if (e.isConflict() || e.isNotFound()) {
                lastLease.remove(nodeName);
            }
            throw e;
        }
    }

    private Lease createOrRead(String nodeName, String nodeUid, int durationSeconds, ZonedDateTime now) {
        Lease lease = new LeaseBuilder()
                .withNewMetadata()
                    .withNamespace(NAMESPACE)
                    .withName(nodeName)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                            .withName(nodeName).withUid(nodeUid).build())
                .endMetadata()
                .withNewSpec()
                    .withHolderIdentity(nodeName)
                    .withLeaseDurationSeconds(durationSeconds)
                    .withRenewTime(now)
                .endSpec()
                .build();
        try {
            return leases.create(lease);
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists()) {
                throw e;
            }
            return leases.update(renewed(leases.get(NAMESPACE, nodeName), nodeName, durationSeconds, now));
        }
    }

    private static Lease renewed(Lease lease, String nodeName, int durationSeconds, ZonedDateTime now) {
        return new LeaseBuilder(lease).editSpec().withRenewTime(now).withHolderIdentity(nodeName)
                .withLeaseDurationSeconds(durationSeconds).endSpec().build();
    }
}
