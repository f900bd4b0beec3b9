package dev.j8s.apiserver.servicenet;

import dev.j8s.api.net.Ipv4Cidr;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.StatusCause;
import dev.j8s.api.validation.GoValues;
import dev.j8s.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/**
 * Cluster IPs and node ports of Services, as kube-apiserver's service REST storage hands them out: on create
 * (requested values honoured if free, others allocated), on update (type changes allocate or drop what the new
 * type needs), with the Kubernetes messages for taken and out-of-range values. What a write allocated is
 * rolled back when the write fails; what an update no longer holds is released after it succeeds; deletions
 * are released by {@link ServiceAllocationRepair}, which sees every deletion path.
 */
public final class ServiceAllocator {

    /** Allocation keys live outside {@code /registry/} so that no object watcher decodes them. */
    static final String IP_PREFIX = "/j8s/ranges/serviceips/";
    static final String PORT_PREFIX = "/j8s/ranges/servicenodeports/";

    private final ServiceNetwork network;
    private final RangeAllocator ips;
    private final RangeAllocator ports;

    public ServiceAllocator(Store store, ServiceNetwork network, Clock clock, Random random) {
        this.network = network;
        Ipv4Cidr range = network.clusterIpRange();
        // Items are usable addresses: the network and broadcast addresses are never handed out.
        int ipCount = (int) Math.min(Integer.MAX_VALUE, range.size() - 2);
        this.ips = new RangeAllocator(store, IP_PREFIX, ipCount, RangeAllocator.staticBand(range.size(), 16, 256, 16),
                item -> range.address(item + 1L), ip -> (int) range.offsetOf(ip).orElse(0) - 1, random, clock);
        PortRange nodePorts = network.nodePorts();
        this.ports = new RangeAllocator(store, PORT_PREFIX, nodePorts.size(),
                RangeAllocator.staticBand(nodePorts.size(), 16, 128, 32), item -> Integer.toString(nodePorts.min() + item),
                name -> portItemOf(name, nodePorts), random, clock);
    }

    private static int portItemOf(String name, PortRange range) {
        try {
            return Integer.parseInt(name) - range.min();
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public ServiceNetwork network() {
        return network;
    }

    RangeAllocator ipAllocator() {
        return ips;
    }

    RangeAllocator portAllocator() {
        return ports;
    }

    /** Undoes the allocations of one write that did not make it to the store. */
    public final class Reservation {
        private final List<Integer> ipItems = new ArrayList<>();
        private final List<Integer> portItems = new ArrayList<>();
        private String ownerUid;

        public void rollback() {
            rollback(null);
        }

        /**
         * Gives back what this write claimed, except what {@code stored} (the Service as stored now, or null)
         * holds: a concurrent update of the same Service may have succeeded with the same new value.
         */
        public void rollback(JsonNode stored) {
            boolean same = stored != null && ownerUid != null
                    && ownerUid.equals(stored.path("metadata").path("uid").asText());
            String heldIp = same ? ServiceShape.allocatedIp(stored) : null;
            Set<Integer> heldPorts = same ? ServiceShape.allocatedPorts(stored) : Set.of();
            for (int item : ipItems) {
                if (heldIp == null || !heldIp.equals(network.clusterIpRange().address(item + 1L))) {
                    ips.release(item, ownerUid);
                }
            }
            for (int item : portItems) {
                if (!heldPorts.contains(network.nodePorts().min() + item)) {
                    ports.release(item, ownerUid);
                }
            }
            ipItems.clear();
            portItems.clear();
        }
    }

    /**
     * Kubernetes' update preparation ({@code dropTypeDependentFields}, {@code patchAllocatedValues}): a type
     * change drops the values the new type may not have when the client left them as they were, and values
     * the client omitted but the Service still needs are kept from the stored object.
     */
    public void prepareForUpdate(ObjectNode service, ObjectNode old) {
        ServiceShape before = ServiceShape.of(old);
        ServiceShape now = ServiceShape.of(service);
        ObjectNode spec = spec(service);
        JsonNode oldSpec = old.path("spec");
        if (before.needsClusterIP() && !now.needsClusterIP() && same(spec, oldSpec, "clusterIP")
                && same(spec, oldSpec, "clusterIPs")) {
            spec.remove(List.of("clusterIP", "clusterIPs"));
            if (same(spec, oldSpec, "ipFamilies") && same(spec, oldSpec, "ipFamilyPolicy")) {
                spec.remove(List.of("ipFamilies", "ipFamilyPolicy"));
            }
        }
        if (before.needsNodePorts() && !now.needsNodePorts()
                && nodePortsOnly(service).equals(nodePortsOnly(old))) {
            ServiceShape.ports(service).forEach(p -> p.remove("nodePort"));
        }
        if (before.needsHealthCheckNodePort() && !now.needsHealthCheckNodePort()
                && same(spec, oldSpec, "healthCheckNodePort")) {
            spec.remove("healthCheckNodePort");
        }
        if (!now.type().equals("LoadBalancer") && same(spec, oldSpec, "allocateLoadBalancerNodePorts")) {
            spec.remove("allocateLoadBalancerNodePorts");
        }
        if (!now.externallyAccessible() && spec.path("externalIPs").isEmpty()
                && same(spec, oldSpec, "externalTrafficPolicy")) {
            spec.remove("externalTrafficPolicy");
        }
        if (before.needsClusterIP() && now.needsClusterIP()) {
            if (spec.path("clusterIP").asText("").isEmpty() && oldSpec.has("clusterIP")) {
                spec.set("clusterIP", oldSpec.get("clusterIP").deepCopy());
            }
            if (spec.path("clusterIPs").isEmpty() && oldSpec.has("clusterIPs")
                    && spec.path("clusterIP").asText("").equals(oldSpec.path("clusterIP").asText())) {
                spec.set("clusterIPs", oldSpec.get("clusterIPs").deepCopy());
            }
        }
        ServiceShape patched = ServiceShape.of(service);
        if (before.needsNodePorts() && patched.needsNodePorts()) {
            for (ObjectNode port : ServiceShape.ports(service)) {
                if (port.path("nodePort").asInt(0) == 0) {
                    int kept = findNodePort(oldSpec, port);
                    if (kept > 0) {
                        port.put("nodePort", kept);
                    }
                }
            }
        }
        if (before.needsHealthCheckNodePort() && patched.needsHealthCheckNodePort()
                && spec.path("healthCheckNodePort").asInt(0) == 0 && oldSpec.path("healthCheckNodePort").asInt(0) > 0) {
            spec.put("healthCheckNodePort", oldSpec.path("healthCheckNodePort").asInt());
        }
    }

    /**
     * Allocates what {@code service} needs and does not hold yet ({@code old} is null on create). Dry runs
     * check and fill in values without keeping anything.
     */
    public Reservation allocate(ObjectNode service, ObjectNode old, boolean dryRun) {
        Reservation reservation = new Reservation();
        RangeAllocator.Owner owner = owner(service);
        reservation.ownerUid = owner.uid();
        try {
            allocateClusterIp(service, owner, dryRun, reservation);
            allocateNodePorts(service, owner, dryRun, reservation);
        } catch (RuntimeException e) {
            reservation.rollback();
            throw e;
        }
        return reservation;
    }

    /** Allocates for a new Service and returns it (tests and internal callers). */
    ObjectNode allocateFor(ObjectNode service) {
        allocate(service, null, false);
        return service;
    }

    /** After an update: gives back what {@code old} held and {@code now} no longer does. */
    public void releaseReplaced(ObjectNode old, ObjectNode now) {
        String uid = old.path("metadata").path("uid").asText();
        String oldIp = ServiceShape.allocatedIp(old);
        if (oldIp != null && !oldIp.equals(ServiceShape.allocatedIp(now))) {
            releaseIp(oldIp, uid);
        }
        Set<Integer> kept = ServiceShape.allocatedPorts(now);
        for (int port : ServiceShape.allocatedPorts(old)) {
            if (!kept.contains(port)) {
                releasePort(port, uid);
            }
        }
    }

    /** After a deletion: gives back everything the Service held. */
    public void releaseAll(JsonNode service) {
        String uid = service.path("metadata").path("uid").asText();
        String ip = ServiceShape.allocatedIp(service);
        if (ip != null) {
            releaseIp(ip, uid);
        }
        ServiceShape.allocatedPorts(service).forEach(port -> releasePort(port, uid));
    }

    private void releaseIp(String ip, String uid) {
        OptionalLong offset = network.clusterIpRange().offsetOf(ip);
        if (offset.isPresent() && offset.getAsLong() >= 1 && offset.getAsLong() <= ips.count()) {
            ips.release((int) offset.getAsLong() - 1, uid);
        }
    }

    private void releasePort(int port, String uid) {
        if (network.nodePorts().contains(port)) {
            ports.release(port - network.nodePorts().min(), uid);
        }
    }

    private void allocateClusterIp(ObjectNode service, RangeAllocator.Owner owner, boolean dryRun,
                                   Reservation reservation) {
        ServiceShape shape = ServiceShape.of(service);
        ObjectNode spec = spec(service);
        if (!shape.needsClusterIP()) {
            return;
        }
        if (shape.headless()) {
            spec.put("clusterIP", "None");
            if (spec.path("clusterIPs").isEmpty()) {
                spec.putArray("clusterIPs").add("None");
            }
            return;
        }
        String requested = shape.clusterIP();
        String ip;
        if (requested.isEmpty()) {
            OptionalInt item = dryRun ? ips.peekFree() : ips.claimNext(owner);
            if (item.isEmpty()) {
                throw ApiException.internal("failed to allocate a serviceIP: range is full");
            }
            ip = network.clusterIpRange().address(item.getAsInt() + 1L);
            if (!dryRun) {
                int taken = item.getAsInt();
                reservation.ipItems.add(taken);
            }
        } else {
            ip = requested;
            claimRequestedIp(service, requested, owner, dryRun, reservation);
        }
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
    }

    private void claimRequestedIp(ObjectNode service, String ip, RangeAllocator.Owner owner, boolean dryRun,
                                  Reservation reservation) {
        Ipv4Cidr range = network.clusterIpRange();
        if (Ipv4Cidr.parseAddress(ip).isEmpty()) {
            throw invalid(service, StatusCause.invalid("spec.clusterIPs[0]", ip,
                    "must be empty, 'None', or a valid IP address"));
        }
        OptionalLong offset = range.offsetOf(ip);
        if (offset.isEmpty() || offset.getAsLong() < 1 || offset.getAsLong() > ips.count()) {
            throw ipNotAllocated(service, ip, "the provided IP (" + ip + ") is not in the valid range. The range of "
                    + "valid IPs is " + range);
        }
        int item = (int) offset.getAsLong() - 1;
        RangeAllocator.Outcome outcome;
        if (dryRun) {
            outcome = ips.isFree(item) || ips.get(item).map(c -> c.owner().uid().equals(owner.uid())).orElse(false)
                    ? RangeAllocator.Outcome.ALREADY_OWNED : RangeAllocator.Outcome.TAKEN;
        } else {
            outcome = ips.claim(item, owner);
        }
        if (outcome == RangeAllocator.Outcome.TAKEN) {
            throw ipNotAllocated(service, ip, "provided IP is already allocated");
        }
        if (outcome == RangeAllocator.Outcome.CLAIMED) {
            reservation.ipItems.add(item);
        }
    }

    private ApiException ipNotAllocated(ObjectNode service, String ip, String why) {
        List<String> requested = new ArrayList<>();
        service.path("spec").path("clusterIPs").forEach(n -> requested.add(n.asText()));
        if (requested.isEmpty()) {
            requested.add(ip);
        }
        return invalid(service, StatusCause.invalid("spec.clusterIPs", GoValues.stringSlice(requested),
                "failed to allocate IP " + ip + ": " + why));
    }

    private void allocateNodePorts(ObjectNode service, RangeAllocator.Owner owner, boolean dryRun,
                                   Reservation reservation) {
        ServiceShape shape = ServiceShape.of(service);
        List<ObjectNode> servicePorts = ServiceShape.ports(service);
        if (shape.needsNodePorts()) {
            // One node port per service port number: TCP and UDP of the same port share it, as in Kubernetes.
            Map<Integer, Integer> byPort = new HashMap<>();
            for (int i = 0; i < servicePorts.size(); i++) {
                ObjectNode port = servicePorts.get(i);
                int requested = port.path("nodePort").asInt(0);
                int number = port.path("port").asInt();
                if (requested == 0 && byPort.containsKey(number)) {
                    port.put("nodePort", byPort.get(number));
                    continue;
                }
                int nodePort = requested != 0
                        ? claimRequestedPort(service, "spec.ports[" + i + "].nodePort", requested, owner, dryRun,
                                reservation)
                        : claimNextPort(owner, dryRun, reservation);
                port.put("nodePort", nodePort);
                byPort.putIfAbsent(number, nodePort);
            }
        }
        if (shape.needsHealthCheckNodePort()) {
            ObjectNode spec = spec(service);
            int requested = spec.path("healthCheckNodePort").asInt(0);
            spec.put("healthCheckNodePort", requested != 0
                    ? claimRequestedPort(service, "spec.healthCheckNodePort", requested, owner, dryRun, reservation)
                    : claimNextPort(owner, dryRun, reservation));
        }
    }

    private int claimRequestedPort(ObjectNode service, String field, int port, RangeAllocator.Owner owner,
                                   boolean dryRun, Reservation reservation) {
        PortRange range = network.nodePorts();
        if (!range.contains(port)) {
            throw invalid(service, StatusCause.invalid(field, port, "provided port is not in the valid range. "
                    + "The range of valid ports is " + range));
        }
        int item = port - range.min();
        RangeAllocator.Outcome outcome;
        if (dryRun) {
            outcome = ports.isFree(item) || ports.get(item).map(c -> c.owner().uid().equals(owner.uid())).orElse(false)
                    ? RangeAllocator.Outcome.ALREADY_OWNED : RangeAllocator.Outcome.TAKEN;
        } else {
            outcome = ports.claim(item, owner);
        }
        if (outcome == RangeAllocator.Outcome.TAKEN) {
            throw invalid(service, StatusCause.invalid(field, port, "provided port is already allocated"));
        }
        if (outcome == RangeAllocator.Outcome.CLAIMED) {
            reservation.portItems.add(item);
        }
        return port;
    }

    private int claimNextPort(RangeAllocator.Owner owner, boolean dryRun, Reservation reservation) {
        OptionalInt item = dryRun ? ports.peekFree() : ports.claimNext(owner);
        if (item.isEmpty()) {
            throw ApiException.internal("failed to allocate a nodePort: range is full");
        }
        if (!dryRun) {
            int taken = item.getAsInt();
            reservation.portItems.add(taken);
        }
        return network.nodePorts().min() + item.getAsInt();
    }

    /** Kubernetes keeps an omitted node port of a port that existed before (same port number and protocol). */
    private static int findNodePort(JsonNode oldSpec, JsonNode port) {
        for (JsonNode old : oldSpec.path("ports")) {
            if (old.path("port").asInt() == port.path("port").asInt()
                    && old.path("protocol").asText("TCP").equals(port.path("protocol").asText("TCP"))) {
                return old.path("nodePort").asInt(0);
            }
        }
        return 0;
    }

    private static Set<Integer> nodePortsOnly(JsonNode service) {
        Set<Integer> ports = new java.util.LinkedHashSet<>();
        service.path("spec").path("ports").forEach(p -> {
            if (p.path("nodePort").asInt(0) > 0) {
                ports.add(p.path("nodePort").asInt());
            }
        });
        return ports;
    }

    private static boolean same(JsonNode spec, JsonNode oldSpec, String field) {
        return spec.path(field).equals(oldSpec.path(field));
    }

    private static ObjectNode spec(ObjectNode service) {
        JsonNode spec = service.get("spec");
        if (spec instanceof ObjectNode s) {
            return s;
        }
        return service.putObject("spec");
    }

    static RangeAllocator.Owner owner(JsonNode service) {
        JsonNode meta = service.path("metadata");
        return new RangeAllocator.Owner(meta.path("namespace").asText(), meta.path("name").asText(),
                meta.path("uid").asText());
    }

    private static ApiException invalid(JsonNode service, StatusCause cause) {
        return ApiException.invalid("", "Service", service.path("metadata").path("name").asText(), List.of(cause));
    }
}
