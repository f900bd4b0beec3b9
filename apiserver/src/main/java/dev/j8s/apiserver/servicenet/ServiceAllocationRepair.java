package dev.j8s.apiserver.servicenet;

import dev.j8s.api.net.Ipv4Cidr;
import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Store;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the allocations in step with the stored Services. Every deletion of a Service, whichever path removed
 * it (DELETE, finalizers done, namespace termination, garbage collection), releases what it held, from a watch
 * on the Services. A periodic repair (kube-apiserver's repair controllers, every 3 minutes) re-records
 * allocations of Services that lack one and frees allocations left by writes that died between allocating and
 * storing; it leaves young allocations alone, as a write of another API server may still be on its way.
 */
public final class ServiceAllocationRepair implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceAllocationRepair.class);
    static final Duration INTERVAL = Duration.ofMinutes(3);
    /** An allocation this young may belong to a create still in flight. */
    static final Duration LEAK_GRACE = Duration.ofMinutes(1);

    private final Store store;
    private final String servicesPrefix;
    private final ServiceAllocator allocator;
    private final Clock clock;
    private Watch watch;

    public ServiceAllocationRepair(Store store, String servicesPrefix, ServiceAllocator allocator, Clock clock) {
        this.store = store;
        this.servicesPrefix = servicesPrefix;
        this.allocator = allocator;
        this.clock = clock;
    }

    /** Repairs once, then follows deletions and repairs periodically on {@code timer}. */
    public void start(ScheduledExecutorService timer) {
        long revision = repair();
        watch = store.watch(servicesPrefix, revision, event -> {
            if (event.type() == WatchEvent.Type.DELETE) {
                KeyValue last = event.prevKv() != null ? event.prevKv() : event.kv();
                timer.execute(() -> releaseDeleted(last));
            }
        });
        timer.scheduleWithFixedDelay(this::repairQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void releaseDeleted(KeyValue last) {
        try {
            allocator.releaseAll(Json.parse(last.value()));
        } catch (IOException | RuntimeException e) {
            log.warn("releasing the allocations of deleted service {} failed: {}", last.key(), e.toString());
        }
    }

    private void repairQuietly() {
        try {
            repair();
        } catch (RuntimeException e) {
            log.warn("service allocation repair failed", e);
        }
    }

    /** One repair pass; returns the store revision of the Services it looked at. */
    long repair() {
        ListResult services = store.list(servicesPrefix, null, 0);
        Map<String, JsonNode> byUid = new HashMap<>();
        for (KeyValue kv : services.items()) {
            try {
                JsonNode service = Json.parse(kv.value());
                byUid.put(service.path("metadata").path("uid").asText(), service);
                recordHoldings(service);
            } catch (IOException e) {
                log.warn("stored service {} is not valid JSON", kv.key());
            }
        }
        freeLeaks(allocator.ipAllocator(), byUid, true);
        freeLeaks(allocator.portAllocator(), byUid, false);
        return services.revision();
    }

    private void recordHoldings(JsonNode service) {
        RangeAllocator.Owner owner = ServiceAllocator.owner(service);
        String ip = ServiceShape.allocatedIp(service);
        Ipv4Cidr range = allocator.network().clusterIpRange();
        if (ip != null) {
            range.offsetOf(ip).ifPresent(offset -> {
                if (offset >= 1 && offset <= allocator.ipAllocator().count()) {
                    warnIfTaken(allocator.ipAllocator().claim((int) offset - 1, owner), owner, "cluster IP " + ip);
                }
            });
        }
        PortRange ports = allocator.network().nodePorts();
        for (int port : ServiceShape.allocatedPorts(service)) {
            if (ports.contains(port)) {
                warnIfTaken(allocator.portAllocator().claim(port - ports.min(), owner), owner, "node port " + port);
            }
        }
    }

    private static void warnIfTaken(RangeAllocator.Outcome outcome, RangeAllocator.Owner owner, String what) {
        if (outcome == RangeAllocator.Outcome.TAKEN) {
            log.warn("{} of service {}/{} is allocated to another service", what, owner.namespace(), owner.name());
        } else if (outcome == RangeAllocator.Outcome.CLAIMED) {
            log.info("recorded the {} of service {}/{}", what, owner.namespace(), owner.name());
        }
    }

    private void freeLeaks(RangeAllocator range, Map<String, JsonNode> byUid, boolean ips) {
        for (RangeAllocator.Claim claim : range.claims().values()) {
            if (claim.allocatedAt().plus(LEAK_GRACE).isAfter(clock.instant())) {
                continue;
            }
            JsonNode service = byUid.get(claim.owner().uid());
            boolean held = service != null && (ips ? holdsIp(service, claim.item())
                    : ServiceShape.allocatedPorts(service).contains(allocator.network().nodePorts().min() + claim.item()));
            if (!held && range.release(claim.item(), claim.owner().uid())) {
                log.info("freed a leaked allocation ({} {}) of {}/{}", ips ? "IP offset" : "port offset",
                        claim.item(), claim.owner().namespace(), claim.owner().name());
            }
        }
    }

    private boolean holdsIp(JsonNode service, int item) {
        String ip = ServiceShape.allocatedIp(service);
        return ip != null && allocator.network().clusterIpRange().offsetOf(ip).orElse(-1) == item + 1L;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
