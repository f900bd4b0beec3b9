package dev.j8s.bench;

import dev.j8s.scheduler.Binder;
import dev.j8s.scheduler.DefaultProfile;
import dev.j8s.scheduler.Scheduler;
import dev.j8s.scheduler.SchedulingListener;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference for the density benchmark: the same scheduling cycle on in-memory nodes with a no-op
 * binder, so the end-to-end figure can be read against what the scheduler alone does on this machine.
 */
final class SchedulerAlone {

    private SchedulerAlone() {}

    /** Pods per second placed onto {@code nodeCount} nodes like the hollow ones (4 cpu, 16Gi, 110 pods). */
    static double podsPerSecond(int nodeCount, int podCount) {
        AtomicInteger bound = new AtomicInteger();
        Binder noop = (pod, nodeName) -> bound.incrementAndGet();
        Random random = new Random(1);
        try (Scheduler scheduler = new Scheduler((s, ns) -> DefaultProfile.create(noop, s, ns, random),
                SchedulingListener.NONE, Clock.systemUTC(), random, Runnable::run)) {
            for (int i = 0; i < nodeCount; i++) {
                scheduler.addNode(node("ref-" + i));
            }
            List<Pod> pending = new ArrayList<>(podCount);
            for (int i = 0; i < podCount; i++) {
                pending.add(pod("ref-" + i, "app-" + (i % 30)));
            }
            pending.forEach(scheduler::addPod);
            long start = System.nanoTime();
            while (scheduler.scheduleNext()) {
                // one scheduling cycle per pod
            }
            return bound.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Node node(String name) {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"),
                "pods", new Quantity("110"));
        return new NodeBuilder().withNewMetadata().withName(name).withUid(name)
                .addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus().build();
    }

    static Pod pod(String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("bench").withUid(name)
                .addToLabels("app", app).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("pause").withNewResources()
                .addToRequests("cpu", new Quantity("100m")).addToRequests("memory", new Quantity("64Mi"))
                .endResources().endContainer().endSpec().build();
    }
}
