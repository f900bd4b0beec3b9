package dev.j8s.bench;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Pod startup latency on one node: pods are created one after the other (the next once the previous is
 * Ready, or at a fixed interval), each measured from just before its create request to the moment a pod
 * watch sees its Ready condition turn True — the figure Kubernetes' pod startup SLI measures (the image is
 * already on the node). Scheduling is included: pods select the node by its hostname label. Afterwards
 * all but KEEP pods are deleted (and awaited), so the node's memory can be measured with KEEP running.
 *
 * <p>Arguments: {@code run KUBECONFIG NODE IMAGE COUNT KEEP INTERVAL_MS LABEL} (interval 0: sequential) prints
 * {@code p50 p99 max} in milliseconds; {@code cleanup KUBECONFIG} deletes every bench pod and waits.
 */
public final class PodStartupBench {

    private static final String NAMESPACE = "default";
    private static final Duration LIMIT = Duration.ofMinutes(5);

    public static void main(String[] args) throws Exception {
        try (KubeClient client = KubeClient.fromKubeconfig(Path.of(args[1]));
             SharedInformerFactory informers = new SharedInformerFactory(client)) {
            Watcher watcher = new Watcher();
            SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
            pods.addEventHandler(watcher);
            informers.start();
            informers.waitForCacheSync(Duration.ofMinutes(1));
            if (args[0].equals("cleanup")) {
                deleteAll(client, pods, 0);
                return;
            }
            String node = args[2];
            String image = args[3];
            int count = Integer.parseInt(args[4]);
            int keep = Integer.parseInt(args[5]);
            long intervalMs = Long.parseLong(args[6]);
            String label = args[7];
            LatencyRecorder latencies = new LatencyRecorder();
            CountDownLatch all = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                String name = label + "-" + i;
                CountDownLatch ready = new CountDownLatch(1);
                long start = System.nanoTime();
                watcher.expect(name, start, latencies, ready, all);
                client.resources(Pod.class).create(pod(name, node, image, label));
                if (intervalMs == 0) {
                    if (!ready.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException(name + " not Ready within " + LIMIT);
                    }
                } else {
                    Thread.sleep(intervalMs); // the creation pace of the benchmark
                }
            }
            if (!all.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(all.getCount() + " pods not Ready within " + LIMIT);
            }
            System.out.printf("%.0f %.0f %.0f%n", latencies.percentileMillis(0.50), latencies.percentileMillis(0.99),
                    latencies.percentileMillis(1.0));
            deleteAll(client, pods, keep);
        }
    }

    private static Pod pod(String name, String node, String image, String label) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of("bench", "pod-startup", "run", label)).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .withNodeSelector(Map.of("kubernetes.io/hostname", node))
                .addNewContainer().withName("sleep").withImage(image).withImagePullPolicy("IfNotPresent")
                .withCommand("sleep", "3600").endContainer()
                .endSpec().build();
    }

    /** Deletes the bench pods past the first {@code keep} of each run and waits until they are gone. */
    private static void deleteAll(KubeClient client, SharedIndexInformer<Pod> pods, int keep) throws InterruptedException {
        for (Pod p : pods.indexer().list()) {
            Map<String, String> labels = p.getMetadata().getLabels();
            if (labels == null || !"pod-startup".equals(labels.get("bench")) || index(p) < keep) {
                continue;
            }
            if (p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                client.resources(Pod.class).delete(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                        new DeleteOptionsBuilder().withGracePeriodSeconds(1L).build());
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (pods.indexer().list().stream().anyMatch(p -> p.getMetadata().getLabels() != null
                && "pod-startup".equals(p.getMetadata().getLabels().get("bench")) && index(p) >= keep)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench pods not deleted within " + LIMIT);
            }
            Thread.sleep(100); // polling the informer's cache
        }
    }

    private static int index(Pod p) {
        String name = p.getMetadata().getName();
        return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
    }

    private static final class Watcher implements ResourceEventHandler<Pod> {
        private record Expected(long startNanos, LatencyRecorder recorder, CountDownLatch ready, CountDownLatch all) {}

        private final Map<String, Expected> expected = new ConcurrentHashMap<>();

        void expect(String name, long start, LatencyRecorder recorder, CountDownLatch ready, CountDownLatch all) {
            expected.put(name, new Expected(start, recorder, ready, all));
        }

        @Override
        public void onAdd(Pod pod) {
            check(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            check(newPod);
        }

        private void check(Pod pod) {
            if (pod.getStatus() == null || pod.getStatus().getConditions() == null
                    || pod.getStatus().getConditions().stream()
                            .noneMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))) {
                return;
            }
            Expected e = expected.remove(pod.getMetadata().getName());
            if (e != null) {
                e.recorder().record(System.nanoTime() - e.startNanos());
                e.ready().countDown();
                e.all().countDown();
            }
        }
    }
}
