package dev.j8s.scheduler;

import static dev.j8s.scheduler.testing.TestNode.node;
import static dev.j8s.scheduler.testing.TestPod.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how many pods per second the scheduling cycle places on in-memory nodes with a no-op
 * Binder (a figure to watch, not an assertion: the CPU is shared). Run it with
 * {@code mvn -pl scheduler -am test -Dtest=SchedulingThroughput -Dj8s.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 * or as a plain main class.
 */
public final class SchedulingThroughput {

    public static void main(String[] args) {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        // warm the JIT on a smaller run first
        run(1_000, 10_000, false);
        for (int nodes : new int[] {1_000, 5_000}) {
            run(nodes, pods, true);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "j8s.bench", matches = "true")
    void printThroughput() {
        main(new String[0]);
    }

    private static void run(int nodeCount, int podCount, boolean print) {
        AtomicInteger bound = new AtomicInteger();
        Binder noop = (pod, nodeName) -> bound.incrementAndGet();
        Random random = new Random(1);
        try (Scheduler scheduler = new Scheduler((s, ns) -> DefaultProfile.create(noop, s, ns, random), SchedulingListener.NONE,
                Clock.systemUTC(), random, Runnable::run)) {
            for (int i = 0; i < nodeCount; i++) {
                scheduler.addNode(node("node-" + i).cpu("32").memory("128Gi").pods(110)
                        .label("topology.kubernetes.io/zone", "zone-" + (i % 3)).build());
            }
            List<Pod> pending = new ArrayList<>(podCount);
            for (int i = 0; i < podCount; i++) {
                pending.add(pod("pod-" + i).label("app", "app-" + (i % 50)).cpu("100m").memory("128Mi").build());
            }
            long enqueueStart = System.nanoTime();
            pending.forEach(scheduler::addPod);
            long start = System.nanoTime();
            while (scheduler.scheduleNext()) {
                // one cycle per pod
            }
            long elapsed = System.nanoTime() - start;
            if (print) {
                System.out.printf("scheduler throughput: %,d pods on %,d nodes: %,.0f pods/s (%.2f s scheduling, %.2f s enqueueing), %,d bound%n",
                        podCount, nodeCount, podCount / (elapsed / 1e9), elapsed / 1e9, (start - enqueueStart) / 1e9, bound.get());
            }
        }
    }
}
