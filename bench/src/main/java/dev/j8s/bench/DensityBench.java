package dev.j8s.bench;

import dev.j8s.agent.hollow.HollowCluster;
import dev.j8s.agent.hollow.HollowConfig;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Density and scheduling throughput of a running j8s server: N hollow nodes register (in this JVM, like
 * kwok), then M pods are created through ReplicaSets of 1,000 and the time until all are created, bound
 * and Running is measured from a pod watch. The scheduler alone on in-memory nodes of the same shape is
 * measured first, as the reference.
 *
 * <p>Arguments: KUBECONFIG NODES PODS [STATUS_QPS] [SERVER_PID]. With the server's pid, the CPU time it spent
 * in each phase is printed too: on a shared machine, CPU seconds compare runs better than wall time.
 */
public final class DensityBench {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration IDLE_SAMPLE = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        int pods = Integer.parseInt(args[2]);
        double statusQps = args.length > 3 ? Double.parseDouble(args[3]) : 2000;
        CpuClock server = args.length > 4 ? CpuClock.ofProcess(Long.parseLong(args[4])) : CpuClock.NONE;
        CpuClock self = CpuClock.ofProcess(ProcessHandle.current().pid());

        SchedulerAlone.podsPerSecond(500, 2_000); // JIT warm-up
        double reference = SchedulerAlone.podsPerSecond(nodes, Math.min(pods, 10_000));

        try (KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
             SharedInformerFactory informers = new SharedInformerFactory(client)) {
            PodCounter counter = new PodCounter();
            SharedIndexInformer<Pod> podInformer = informers.informerFor(Pod.class);
            podInformer.addEventHandler(counter);
            SharedIndexInformer<Node> nodeInformer = informers.informerFor(Node.class);
            nodeInformer.addEventHandler(new ResourceEventHandler<>() {
                @Override public void onAdd(Node node) { changed(); }
                @Override public void onUpdate(Node oldNode, Node newNode) { changed(); }
            });
            informers.start();
            informers.waitForCacheSync(Duration.ofMinutes(1));
            try {
                client.resources(io.fabric8.kubernetes.api.model.Namespace.class)
                        .create(new NamespaceBuilder().withNewMetadata().withName("bench").endMetadata().build());
            } catch (ApiStatusException e) {
                if (!e.isAlreadyExists()) {
                    throw e;
                }
            }

            long start = System.nanoTime();
            double serverCpuStart = server.seconds();
            double selfCpuStart = self.seconds();
            HollowConfig config = HollowConfig.defaults("bench-", nodes).withLeaseInterval(Duration.ofSeconds(10))
                    .withStatusRate(statusQps, (int) statusQps).withWorkers(32)
                    // Metrics reports would add API load the scheduler figures are not about.
                    .withMetricsInterval(Duration.ZERO);
            try (HollowCluster cluster = new HollowCluster(client, config).start()) {
                waitFor("nodes Ready", () -> readyNodes(nodeInformer) >= nodes);
                double nodesReady = seconds(start);
                double serverCpuNodes = server.seconds() - serverCpuStart;
                double selfCpuNodes = self.seconds() - selfCpuStart;
                // What the idle cluster costs per second (Lease renewals, controllers' resyncs): the pods'
                // CPU is reported net of it, since slower runs pay it for longer.
                double idleFrom = server.seconds();
                long idleStart = System.nanoTime();
                Thread.sleep(IDLE_SAMPLE.toMillis()); // a measuring window, not a wait for state
                double serverIdleRate = (server.seconds() - idleFrom) / seconds(idleStart);

                long podsStart = System.nanoTime();
                double serverCpuAtPods = server.seconds();
                double selfCpuAtPods = self.seconds();
                counter.reset(podsStart);
                for (int i = 0, left = pods; left > 0; i++, left -= 1000) {
                    client.resources(ReplicaSet.class).create(replicaSet("rs-" + i, Math.min(1000, left)));
                }
                waitFor("pods created", () -> counter.created.size() >= pods);
                double created = seconds(podsStart);
                waitFor("pods bound", () -> counter.bound.size() >= pods);
                double bound = seconds(podsStart);
                waitFor("pods Running", () -> counter.running.size() >= pods);
                double running = seconds(podsStart);
                double serverCpuPods = server.seconds() - serverCpuAtPods;
                double selfCpuPods = self.seconds() - selfCpuAtPods;
                double bindSpan = (counter.lastBind.get() - counter.firstBind.get()) / 1e9;
                Runtime rt = Runtime.getRuntime();
                long heapMiB = (rt.totalMemory() - rt.freeMemory()) >> 20;

                System.out.printf("%-46s %12s%n", "measure (" + nodes + " nodes, " + pods + " pods)", "value");
                System.out.printf("%-46s %,12.0f%n", "scheduler alone, in memory (pods/s)", reference);
                System.out.printf("%-46s %,12.0f%n", "j8s bind rate, first to last bind (pods/s)", pods / bindSpan);
                System.out.printf("%-46s %12.2f%n", "  ratio to the scheduler alone", pods / bindSpan / reference);
                System.out.printf("%-46s %12.1f%n", "nodes Ready after (s)", nodesReady);
                System.out.printf("%-46s %12.1f%n", "pods created after (s)", created);
                System.out.printf("%-46s %12.1f%n", "pods bound after (s)", bound);
                System.out.printf("%-46s %12.1f%n", "pods Running after (s)", running);
                System.out.printf("%-46s %12.1f%n", "nodes Ready + pods Running (s)", nodesReady + running);
                System.out.printf("%-46s %,12d%n", "bench JVM heap in use (MiB, hollow nodes+watch)", heapMiB);
                if (server != CpuClock.NONE) {
                    System.out.printf("%-46s %12.1f%n", "j8s server CPU, nodes to Ready (s)", serverCpuNodes);
                    System.out.printf("%-46s %12.1f%n", "j8s server CPU, pods to Running (s)", serverCpuPods);
                    System.out.printf("%-46s %12.2f%n", "j8s server CPU of the idle cluster (cores)", serverIdleRate);
                    double net = serverCpuPods - serverIdleRate * running;
                    System.out.printf("%-46s %12.2f%n", "  pods' CPU net of idle, per 1,000 pods (s)", net * 1000 / pods);
                }
                System.out.printf("%-46s %12.1f%n", "bench JVM CPU, nodes to Ready (s)", selfCpuNodes);
                System.out.printf("%-46s %12.1f%n", "bench JVM CPU, pods to Running (s)", selfCpuPods);
            }
        }
    }

    private static long readyNodes(SharedIndexInformer<Node> nodes) {
        return nodes.indexer().list().stream().filter(n -> n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
    }

    private static ReplicaSet replicaSet(String name, int replicas) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("bench").endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withSpec(SchedulerAlone.pod(name, name).getSpec()).endTemplate().endSpec().build();
    }

    /** Re-checks {@code done} whenever the watched objects change (or every second), up to the limit. */
    private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        synchronized (CHANGED) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("gave up waiting for " + what + " after " + LIMIT);
                }
                CHANGED.wait(Math.min(1000, Math.max(1, left / 1_000_000)));
            }
        }
    }

    private static final Object CHANGED = new Object();

    private static void changed() {
        synchronized (CHANGED) {
            CHANGED.notifyAll();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Counts the bench pods that exist, are bound and are Running, and when binds happened. */
    private static final class PodCounter implements ResourceEventHandler<Pod> {
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final Set<String> bound = ConcurrentHashMap.newKeySet();
        final Set<String> running = ConcurrentHashMap.newKeySet();
        final AtomicLong firstBind = new AtomicLong();
        final AtomicLong lastBind = new AtomicLong();

        void reset(long now) {
            firstBind.set(0);
            lastBind.set(now);
        }

        @Override
        public void onAdd(Pod pod) {
            observe(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            observe(newPod);
        }

        private void observe(Pod pod) {
            if (!"bench".equals(pod.getMetadata().getNamespace())) {
                return;
            }
            String name = pod.getMetadata().getName();
            created.add(name);
            if (pod.getSpec().getNodeName() != null && bound.add(name)) {
                long now = System.nanoTime();
                firstBind.compareAndSet(0, now);
                lastBind.set(now);
            }
            if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())) {
                running.add(name);
            }
            changed();
        }
    }
}
