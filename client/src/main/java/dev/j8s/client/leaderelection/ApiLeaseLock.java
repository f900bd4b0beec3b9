package dev.j8s.client.leaderelection;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A {@link LeaseLock} on a coordination.k8s.io/v1 Lease. Updates send the resourceVersion of the
 * Lease last read or written, so a concurrent writer makes them fail with 409 Conflict.
 */
public final class ApiLeaseLock implements LeaseLock {

    private final ResourceClient<Lease> leases;
    private final String namespace;
    private final String name;
    private final String identity;
    private volatile Lease last;

    public ApiLeaseLock(ResourceClient<Lease> leases, String namespace, String name, String identity) {
        this.leases = leases;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
    }

    @Override
    public Optional<LeaderElectionRecord> get() {
        try {
            last = leases.get(namespace, name);
            return Optional.of(record(last.getSpec()));
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void create(LeaderElectionRecord record) {
        last = leases.create(new LeaseBuilder().withNewMetadata().withNamespace(namespace).withName(name)
                .endMetadata().withSpec(spec(record)).build());
    }

    @Override
    public void update(LeaderElectionRecord record) {
        Lease seen = last;
        if (seen == null) {
            throw new IllegalStateException("lease " + describe() + " must be read before it is updated");
        }
        Lease next = new LeaseBuilder(seen).withSpec(spec(record)).build();
        last = leases.update(next);
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String describe() {
        return namespace + "/" + name;
    }

    private static LeaseSpec spec(LeaderElectionRecord r) {
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(r.holderIdentity());
        spec.setLeaseDurationSeconds(r.leaseDurationSeconds());
        spec.setAcquireTime(time(r.acquireTime()));
        spec.setRenewTime(time(r.renewTime()));
        spec.setLeaseTransitions(r.leaseTransitions());
        return spec;
    }

    private static LeaderElectionRecord record(LeaseSpec spec) {
        if (spec == null) {
            return new LeaderElectionRecord("", 0, null, null, 0);
        }
        return new LeaderElectionRecord(
                spec.getHolderIdentity() == null ? "" : spec.getHolderIdentity(),
                spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds(),
                spec.getAcquireTime() == null ? null : spec.getAcquireTime().toInstant(),
                spec.getRenewTime() == null ? null : spec.getRenewTime().toInstant(),
                spec.getLeaseTransitions() == null ? 0 : spec.getLeaseTransitions());
    }

    /** MicroTime: the API keeps microseconds. */
    private static ZonedDateTime time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }
}
