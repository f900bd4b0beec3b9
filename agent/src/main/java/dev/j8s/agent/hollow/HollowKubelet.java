package dev.j8s.agent.hollow;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ListerWatcher;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.time.Scheduler;
import dev.j8s.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod side of every hollow node at once. One informer watches all bound pods (one list and one
 * watch for the whole process, indexed by spec.nodeName), and a few workers pull pod keys from one
 * rate-limited queue: a pod bound to a live hollow node is reported Running and Ready, a pod being
 * deleted is removed for good (the kubelet's final delete with grace period 0), and a pod carrying
 * the exit-after annotation moves to Succeeded when its time is up. Nothing here scales with the
 * number of nodes but memory.
 */
final class HollowKubelet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HollowKubelet.class);

    private final ResourceClient<Pod> pods;
    private final Map<String, HollowNode> byName;
    private final Scheduler scheduler;
    private final SharedIndexInformer<Pod> informer;
    private final RateLimitingQueue<String> queue;
    private final WriteThrottle throttle;
    private final int workerCount;
    private final List<Thread> workers = new ArrayList<>();

    HollowKubelet(KubeClient client, Map<String, HollowNode> byName, HollowConfig config, Scheduler scheduler) {
        this.pods = client.resources(Pod.class);
        this.byName = byName;
        this.scheduler = scheduler;
        this.workerCount = config.workers();
        this.queue = RateLimitingQueue.withDefaults(scheduler);
        this.throttle = new WriteThrottle(scheduler.clock(), config.statusQps(), config.statusBurst());
        // Only bound pods concern a kubelet: the server filters the rest out of the list and the watch.
        this.informer = new SharedIndexInformer<>("hollow-pods",
                ListerWatcher.of(pods, null, null, "spec.nodeName!="), SharedIndexInformer.Options.DEFAULTS);
        informer.addIndex(Indexes.NODE_NAME, Indexes.podsByNodeName());
        informer.addEventHandler(new Handler());
    }

    void start() {
        informer.start();
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "j8s-hollow-kubelet-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    boolean waitForSync(Duration timeout) throws InterruptedException {
        return informer.waitForSync(timeout);
    }

    /** The pods bound to a node, from the informer's cache. */
    List<Pod> podsOn(String nodeName) {
        return informer.indexer().byIndex(Indexes.NODE_NAME, nodeName);
    }

    private void work() {
        try {
            String key;
            while ((key = queue.get()) != null) {
                try {
                    sync(key);
                } catch (ApiStatusException | UncheckedIOException e) {
                    log.debug("hollow kubelet: {} failed, retrying: {}", key, e.getMessage());
                    queue.addRateLimited(key);
                } catch (RuntimeException e) {
                    // A worker serves every pod: an unexpected failure costs this pod a retry, not the worker.
                    log.warn("hollow kubelet: {} failed, retrying", key, e);
                    queue.addRateLimited(key);
                } finally {
                    queue.done(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Moves one pod one step towards what its node would report. */
    private void sync(String key) throws InterruptedException {
        Pod pod = informer.indexer().get(key);
        HollowNode node = pod == null ? null : byName.get(pod.getSpec().getNodeName());
        if (node == null || !node.isRunning()) {
            queue.forget(key);
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            finishDeletion(pod);
        } else if (PodStatuses.isTerminal(pod)) {
            queue.forget(key);
        } else if (!PodStatuses.isRunning(pod)) {
            String ip = node.podAddresses().allocate(pod.getMetadata().getUid());
            writeStatus(pod, PodStatuses.running(pod, node, ip, scheduler.clock().instant()));
        } else {
            finishWhenDue(key, pod);
        }
    }

    /** The exit-after annotation: Succeeded once the time is up, otherwise come back then. */
    private void finishWhenDue(String key, Pod pod) throws InterruptedException {
        Optional<Duration> exitAfter = PodStatuses.exitAfter(pod);
        if (exitAfter.isEmpty()) {
            queue.forget(key);
            return;
        }
        Instant due = PodStatuses.startTime(pod).plus(exitAfter.get());
        Instant now = scheduler.clock().instant();
        if (now.isBefore(due)) {
            queue.addAfter(key, Duration.between(now, due));
        } else {
            writeStatus(pod, PodStatuses.succeeded(pod, now));
        }
    }

    private void writeStatus(Pod pod, PodStatus status) throws InterruptedException {
        throttle.acquire();
        try {
            pods.updateStatus(new PodBuilder(pod).withStatus(status).build());
            queue.forget(ObjectKeys.key(pod));
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    /**
     * The containers are "stopped", so the pod can go: a delete with grace period 0, on the uid seen,
     * so a new pod of the same name is never removed by mistake.
     */
    private void finishDeletion(Pod pod) throws InterruptedException {
        throttle.acquire();
        try {
            pods.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), new DeleteOptionsBuilder()
                    .withGracePeriodSeconds(0L)
                    .withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions()
                    .build());
        } catch (ApiStatusException e) {
            // Gone already, or replaced by a pod of the same name: either way this one is done.
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
        queue.forget(ObjectKeys.key(pod));
    }

    @Override
    public void close() {
        queue.shutDown();
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        informer.close();
    }

    /** Queues pods of hollow nodes; keeps pod address pools in step with what pods report. */
    private final class Handler implements ResourceEventHandler<Pod> {

        @Override
        public void onAdd(Pod pod) {
            HollowNode node = byName.get(pod.getSpec().getNodeName());
            if (node == null) {
                return;
            }
            // After a restart, pods keep the addresses they report.
            if (pod.getStatus() != null && pod.getStatus().getPodIP() != null) {
                node.podAddresses().reserve(pod.getMetadata().getUid(), pod.getStatus().getPodIP());
            }
            queue.add(ObjectKeys.key(pod));
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            if (byName.containsKey(newPod.getSpec().getNodeName())) {
                queue.add(ObjectKeys.key(newPod));
            }
        }

        @Override
        public void onDelete(Pod pod) {
            HollowNode node = byName.get(pod.getSpec().getNodeName());
            if (node != null) {
                node.podAddresses().release(pod.getMetadata().getUid());
            }
        }
    }
}
