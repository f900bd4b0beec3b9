package dev.j8s.agent.hollow;

import dev.j8s.agent.metrics.MetricsReports;
import dev.j8s.agent.metrics.ResourceUsage;
import dev.j8s.api.metrics.NodeMetricsReport;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.workqueue.DelayingQueue;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every hollow node's synthetic resource usage to metrics.k8s.io, one {@link NodeMetricsReport}
 * per node per interval (the work metrics-server does by scraping each kubelet). Nodes share one
 * delaying queue and one thread; their first reports are spread over the interval so thousands of
 * nodes make a steady trickle of requests rather than a burst.
 */
final class MetricsReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsReporter.class);

    private final ResourceClient<NodeMetrics> nodeMetrics;
    private final Map<String, HollowNode> byName;
    private final Function<String, List<Pod>> podsOn;
    private final Duration interval;
    private final Scheduler scheduler;
    private final DelayingQueue<String> due;
    private Thread worker;

    MetricsReporter(KubeClient client, Map<String, HollowNode> byName, Function<String, List<Pod>> podsOn,
                    Duration interval, Scheduler scheduler) {
        this.nodeMetrics = client.resources(NodeMetrics.class);
        this.byName = byName;
        this.podsOn = podsOn;
        this.interval = interval;
        this.scheduler = scheduler;
        this.due = new DelayingQueue<>(scheduler);
    }

    void start() {
        if (interval.isZero()) {
            return;
        }
        for (String name : byName.keySet()) {
            due.addAfter(name, Duration.ofMillis(ThreadLocalRandom.current().nextLong(
                    Math.max(1, Math.min(interval.toMillis(), 1000L * Math.max(1, byName.size() / 100))))));
        }
        worker = new Thread(this::work, "j8s-hollow-metrics");
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        try {
            String name;
            while ((name = due.get()) != null) {
                HollowNode node = byName.get(name);
                if (node.isRunning()) {
                    report(node);
                    due.addAfter(name, interval);
                }
                due.done(name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(HollowNode node) {
        try {
            MetricsReports.send(nodeMetrics, node.name(), build(node));
        } catch (RuntimeException e) {
            // One missed sample is harmless: the next interval reports again.
            log.debug("hollow node {}: metrics report failed: {}", node.name(), e.toString());
        }
    }

    NodeMetricsReport build(HollowNode node) {
        Instant now = scheduler.clock().instant();
        ResourceUsage total = ResourceUsage.ZERO;
        List<PodMetrics> pods = new ArrayList<>();
        for (Pod pod : podsOn.apply(node.name())) {
            if (!PodStatuses.isRunning(pod) || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Map<String, ResourceUsage> byContainer = new HashMap<>();
            for (Container container : pod.getSpec().getContainers()) {
                ResourceUsage usage = SyntheticUsage.of(pod, container);
                total = total.plus(usage);
                byContainer.put(container.getName(), usage);
            }
            pods.add(MetricsReports.pod(pod, now, interval, byContainer));
        }
        return MetricsReports.report(node.name(), node.labels(), now, interval, total, pods);
    }

    @Override
    public void close() {
        due.shutDown();
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
