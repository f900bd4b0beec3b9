package dev.j8s.agent.metrics;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerUsage;
import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real node's resource metrics, reported to metrics.k8s.io once per interval as hollow nodes report
 * theirs (what metrics-server scrapes from a kubelet's summary API): the node's usage from /proc, each
 * running container's from its cgroup through the runtime. CPU is a rate: the counters' difference
 * between two samples over the time between them, so the first report comes one interval after start.
 */
public final class NodeResourceMetrics implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeResourceMetrics.class);

    private final ResourceClient<NodeMetrics> nodeMetrics;
    private final ResourceClient<Node> nodes;
    private final String nodeName;
    private final ContainerRuntime runtime;
    private final Supplier<List<Pod>> pods;
    private final Duration interval;
    private final Path proc;
    private final Clock clock;
    private HostSample lastHost;
    private Map<String, ContainerUsage> lastContainers = Map.of();
    private Thread worker;

    private record HostSample(Instant at, HostUsage usage) {}

    public NodeResourceMetrics(KubeClient client, String nodeName, ContainerRuntime runtime, Supplier<List<Pod>> pods,
                               Duration interval, Path proc, Clock clock) {
        this.nodeMetrics = client.resources(NodeMetrics.class);
        this.nodes = client.resources(Node.class);
        this.nodeName = nodeName;
        this.runtime = runtime;
        this.pods = pods;
        this.interval = interval;
        this.proc = proc;
        this.clock = clock;
    }

    public NodeResourceMetrics start() {
        if (interval.isZero()) {
            return this;
        }
        worker = Thread.ofPlatform().name("j8s-kubelet-metrics").daemon().start(this::run);
        return this;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                NodeMetricsReport report = sample();
                if (report != null) {
                    MetricsReports.send(nodeMetrics, nodeName, report);
                }
            } catch (RuntimeException | IOException e) {
                // One missed sample is harmless: the next interval reports again.
                log.debug("node {}: metrics report failed: {}", nodeName, e.toString());
            }
            try {
                Thread.sleep(interval); // the reporting period
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes a sample; returns the report of the rates since the previous one (null for the first). */
    synchronized NodeMetricsReport sample() throws IOException {
        Instant now = clock.instant();
        HostUsage host = HostUsage.read(proc);
        Map<String, ContainerUsage> containers = new HashMap<>();
        for (ContainerUsage u : runtime.containerUsage()) {
            containers.put(u.containerId(), u);
        }
        HostSample previousHost = lastHost;
        Map<String, ContainerUsage> previous = lastContainers;
        lastHost = new HostSample(now, host);
        lastContainers = containers;
        if (previousHost == null) {
            return null;
        }
        Duration window = Duration.between(previousHost.at(), now);
        ResourceUsage nodeUsage = ResourceUsage.of(
                cpuRate(previousHost.usage().cpuBusyNanos(), previousHost.at(), host.cpuBusyNanos(), now),
                host.workingSetBytes());
        List<PodMetrics> podMetrics = new ArrayList<>();
        for (Pod pod : pods.get()) {
            Map<String, ResourceUsage> byContainer = podUsage(pod, containers, previous);
            if (!byContainer.isEmpty()) {
                podMetrics.add(MetricsReports.pod(pod, now, window, byContainer));
            }
        }
        return MetricsReports.report(nodeName, nodeLabels(), now, window, nodeUsage, podMetrics);
    }

    /** The pod's running containers that have a sample now and one before (a rate needs both). */
    static Map<String, ResourceUsage> podUsage(Pod pod, Map<String, ContainerUsage> now,
                                               Map<String, ContainerUsage> before) {
        Map<String, ResourceUsage> byContainer = new HashMap<>();
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || pod.getStatus().getContainerStatuses() == null) {
            return byContainer;
        }
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            String id = runtimeId(cs.getContainerID());
            ContainerUsage current = id == null ? null : now.get(id);
            ContainerUsage previous = id == null ? null : before.get(id);
            if (current == null || previous == null) {
                continue;
            }
            byContainer.put(cs.getName(), ResourceUsage.of(cpuRate(previous.cpuUsageNanos(), previous.timestamp(),
                    current.cpuUsageNanos(), current.timestamp()), current.workingSetBytes()));
        }
        return byContainer;
    }

    /** Cores used between two samples of a cumulative CPU-nanosecond counter (0 if it went back: a restart). */
    public static double cpuRate(long nanosBefore, Instant before, long nanosNow, Instant now) {
        long elapsed = Duration.between(before, now).toNanos();
        if (elapsed <= 0 || nanosNow < nanosBefore) {
            return 0;
        }
        return (double) (nanosNow - nanosBefore) / elapsed;
    }

    /** {@code containerd://abc} → {@code abc}: the runtime's own ID. */
    static String runtimeId(String containerId) {
        if (containerId == null || containerId.isEmpty()) {
            return null;
        }
        int scheme = containerId.indexOf("://");
        return scheme < 0 ? containerId : containerId.substring(scheme + 3);
    }

    private Map<String, String> nodeLabels() {
        try {
            Node node = nodes.get(null, nodeName);
            return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
