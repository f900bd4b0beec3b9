package dev.j8s.apiserver.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource metrics the API server serves under metrics.k8s.io, held in memory only: like
 * metrics-server, j8s keeps just the latest sample per node and pod, and nothing survives a restart.
 * A node's report replaces its previous one; entries whose node has not reported for a few windows
 * expire at read time, so a dead node's pods drop out without a background thread.
 */
public final class ResourceMetricsRegistry {

    /** What one node last reported, with the time it arrived and how long it stays valid. */
    private record NodeSample(ObjectNode node, Map<String, ObjectNode> podsByKey, Instant expires) {}

    private final Clock clock;
    private final int expiryIntervals;
    private final Map<String, NodeSample> byNode = new ConcurrentHashMap<>();
    /** namespace/name → the node whose report holds the pod (a pod may move between reports). */
    private final Map<String, String> nodeOfPod = new ConcurrentHashMap<>();

    public ResourceMetricsRegistry(Clock clock, int expiryIntervals) {
        this.clock = clock;
        this.expiryIntervals = expiryIntervals;
    }

    /** Replaces what {@code nodeName} reported before with {@code node} and {@code pods}. */
    public synchronized void report(String nodeName, ObjectNode node, List<ObjectNode> pods, Duration window) {
        Instant expires = clock.instant().plus(window.multipliedBy(expiryIntervals));
        Map<String, ObjectNode> podsByKey = new HashMap<>();
        for (ObjectNode pod : pods) {
            podsByKey.put(key(pod), pod);
        }
        NodeSample previous = byNode.put(nodeName, new NodeSample(node, podsByKey, expires));
        if (previous != null) {
            for (String gone : previous.podsByKey().keySet()) {
                if (!podsByKey.containsKey(gone)) {
                    nodeOfPod.remove(gone, nodeName);
                }
            }
        }
        podsByKey.keySet().forEach(k -> nodeOfPod.put(k, nodeName));
    }

    public Optional<ObjectNode> node(String name) {
        return live(name).map(NodeSample::node);
    }

    public List<ObjectNode> nodes() {
        List<ObjectNode> out = new ArrayList<>();
        for (String name : List.copyOf(byNode.keySet())) {
            live(name).ifPresent(s -> out.add(s.node()));
        }
        return out;
    }

    public Optional<ObjectNode> pod(String namespace, String name) {
        String key = namespace + "/" + name;
        String node = nodeOfPod.get(key);
        return node == null ? Optional.empty() : live(node).map(s -> s.podsByKey().get(key));
    }

    /** The pods of one namespace, or of all namespaces when {@code namespace} is null. */
    public List<ObjectNode> pods(String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        for (String name : List.copyOf(byNode.keySet())) {
            live(name).ifPresent(s -> s.podsByKey().values().stream()
                    .filter(p -> namespace == null || namespace.equals(p.path("metadata").path("namespace").asText()))
                    .forEach(out::add));
        }
        return out;
    }

    private Optional<NodeSample> live(String nodeName) {
        NodeSample sample = byNode.get(nodeName);
        if (sample == null) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(sample.expires())) {
            expire(nodeName, sample);
            return Optional.empty();
        }
        return Optional.of(sample);
    }

    private synchronized void expire(String nodeName, NodeSample sample) {
        if (byNode.remove(nodeName, sample)) {
            sample.podsByKey().keySet().forEach(k -> nodeOfPod.remove(k, nodeName));
        }
    }

    private static String key(JsonNode pod) {
        JsonNode meta = pod.path("metadata");
        return meta.path("namespace").asText() + "/" + meta.path("name").asText();
    }
}
