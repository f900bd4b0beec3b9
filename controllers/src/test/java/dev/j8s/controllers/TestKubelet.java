package dev.j8s.controllers;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.ListerWatcher;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.controllers.framework.PodReadiness;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in node agent for controller tests: every pod of its namespace becomes Running and
 * Ready with a pod IP soon after it appears, and terminating pods are removed. There is no
 * scheduler yet, so nodeName is ignored. Pods labelled {@code test/never-ready} stay Pending.
 */
public final class TestKubelet implements AutoCloseable {

    public static final String NEVER_READY = "test/never-ready";

    private final ResourceClient<Pod> pods;
    private final SharedIndexInformer<Pod> informer;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-kubelet"));
    private final AtomicInteger nextIp = new AtomicInteger(2);

    public TestKubelet(KubeClient client, String namespace) throws InterruptedException {
        this.pods = client.resources(Pod.class);
        this.informer = new SharedIndexInformer<>("test-kubelet-" + namespace,
                ListerWatcher.of(pods, namespace, null, null), SharedIndexInformer.Options.DEFAULTS);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                worker.execute(() -> handle(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                worker.execute(() -> handle(newPod));
            }
        });
        informer.start();
        informer.waitForSync(Duration.ofSeconds(20));
    }

    private void handle(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                pods.delete(ns, name, new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
            } else if (!PodReadiness.isReady(pod) && !labels(pod).containsKey(NEVER_READY)) {
                Pod running = pods.get(ns, name);
                running.setStatus(runningStatus(running));
                pods.updateStatus(running);
            }
        } catch (ApiStatusException e) {
            if (e.isConflict()) {
                worker.execute(() -> handle(pod));
            } else if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    private PodStatus runningStatus(Pod pod) {
        String now = Timestamps.format(Instant.now());
        PodStatus status = new PodStatus();
        status.setPhase("Running");
        status.setPodIP("10.42.0." + (nextIp.getAndIncrement() % 250 + 2));
        status.setStartTime(now);
        status.setConditions(List.of(
                new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build(),
                new PodConditionBuilder().withType("ContainersReady").withStatus("True").withLastTransitionTime(now)
                        .build()));
        status.setContainerStatuses(pod.getSpec().getContainers().stream()
                .map(c -> new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withReady(true)
                        .withStarted(true).withRestartCount(0).withNewState().withNewRunning().withStartedAt(now)
                        .endRunning().endState().build())
                .toList());
        return status;
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    @Override
    public void close() {
        informer.close();
        worker.shutdownNow();
    }
}
