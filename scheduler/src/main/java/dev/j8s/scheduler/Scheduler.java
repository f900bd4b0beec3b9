package dev.j8s.scheduler;

import dev.j8s.scheduler.cache.SchedulerCache;
import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.Code;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.Diagnosis;
import dev.j8s.scheduler.framework.FitError;
import dev.j8s.scheduler.framework.Framework;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PostFilterResult;
import dev.j8s.scheduler.framework.Profile;
import dev.j8s.scheduler.framework.Status;
import dev.j8s.scheduler.queue.ClusterEvent;
import dev.j8s.scheduler.queue.QueuedPodInfo;
import dev.j8s.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler (Kubernetes' {@code schedule_one.go}): one thread takes pods from the queue and
 * runs the scheduling cycle; binding runs asynchronously so the next cycle need not wait for the
 * API. Cluster changes arrive through the add/update/remove methods (from informers later).
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    /** Builds the profile around the snapshot and namespace labels its plugins read. */
    public interface ProfileFactory {
        Profile create(Snapshot snapshot, NamespaceLabels namespaces);
    }

    private final Framework framework;
    private final NamespaceLabels namespaces = new NamespaceLabels();
    private final SchedulerCache cache;
    private final SchedulingQueue queue;
    private final Snapshot snapshot;
    private final NodeSearch search;
    private final SchedulingListener listener;
    private final Executor bindingExecutor;
    private final ExecutorService ownedBindingExecutor;
    private Thread schedulingThread;
    private ScheduledExecutorService flusher;

    /**
     * @param bindingExecutor where binding cycles run; null for a named pool the scheduler owns
     */
    public Scheduler(ProfileFactory profileFactory, SchedulingListener listener, Clock clock,
                     RandomGenerator random, Executor bindingExecutor) {
        this.snapshot = new Snapshot();
        this.framework = new Framework(profileFactory.create(snapshot, namespaces));
        this.framework.setNodes(snapshot);
        this.cache = new SchedulerCache();
        this.queue = new SchedulingQueue(clock);
        this.search = new NodeSearch(framework, snapshot, random);
        this.listener = listener;
        if (bindingExecutor == null) {
            // One virtual thread per binding cycle, as kube-scheduler binds each pod in its own goroutine:
            // bindings wait on the API's durable commit, so a few platform threads would cap throughput.
            this.ownedBindingExecutor = Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name("j8s-scheduler-bind-", 0).factory());
            this.bindingExecutor = ownedBindingExecutor;
        } else {
            this.ownedBindingExecutor = null;
            this.bindingExecutor = bindingExecutor;
        }
    }

    /** The default profile, binding through {@code binder} on the scheduler's own binding threads. */
    public static Scheduler withDefaultProfile(Binder binder, SchedulingListener listener, Clock clock) {
        RandomGenerator random = RandomGenerator.getDefault();
        return new Scheduler((s, ns) -> DefaultProfile.create(binder, s, ns, random), listener, clock, random, null);
    }

    public SchedulerCache cache() {
        return cache;
    }

    public SchedulingQueue queue() {
        return queue;
    }

    public Framework framework() {
        return framework;
    }

    // ---- cluster events ----

    public void addNode(Node node) {
        cache.addNode(node);
        queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_ADD);
    }

    /**
     * Only changes that can alter a scheduling decision retry parked pods; status heartbeats do
     * not, or thousands of nodes would keep the unschedulable pods cycling.
     */
    public void updateNode(Node node) {
        Node previous = cache.updateNode(node);
        if (previous == null || NodeChanges.affectScheduling(previous, node)) {
            queue.moveAllToActiveOrBackoff(ClusterEvent.NODE_UPDATE);
        }
    }

    public void removeNode(Node node) {
        cache.removeNode(node);
    }

    /** Namespace labels serve pod affinity terms with a namespaceSelector. */
    public void addNamespace(Namespace namespace) {
        namespaces.put(namespace);
        queue.moveAllToActiveOrBackoff(ClusterEvent.NAMESPACE_CHANGE);
    }

    public void updateNamespace(Namespace namespace) {
        addNamespace(namespace);
    }

    public void removeNamespace(Namespace namespace) {
        namespaces.remove(namespace);
    }

    /** A pod appeared: bound pods go to the cache, pending pods for this profile to the queue. */
    public void addPod(Pod pod) {
        if (isAssigned(pod)) {
            if (isTerminal(pod)) {
                return;
            }
            cache.addPod(pod);
            queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
        } else if (isResponsibleFor(pod) && !isGated(pod)) {
            queue.add(pod);
        }
    }

    public void updatePod(Pod oldPod, Pod newPod) {
        if (isAssigned(newPod)) {
            if (!isAssigned(oldPod)) {
                queue.delete(newPod);
            }
            if (isTerminal(newPod)) {
                // a finished pod no longer holds resources (the assigned-pod informer drops it)
                removePod(newPod);
                return;
            }
            cache.updatePod(newPod);
            if (!isAssigned(oldPod)) {
                queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_ADD);
            }
        } else if (isResponsibleFor(newPod)) {
            if (isGated(newPod)) {
                queue.delete(newPod);
            } else {
                queue.update(newPod);
            }
        }
    }

    public void removePod(Pod pod) {
        framework.nominator().remove(PodInfo.keyOf(pod));
        if (isAssigned(pod)) {
            cache.removePod(pod);
            queue.moveAllToActiveOrBackoff(ClusterEvent.ASSIGNED_POD_DELETE);
        } else {
            queue.delete(pod);
        }
    }

    // ---- the scheduling cycle ----

    /** Starts the scheduling thread and the queue flusher. */
    public synchronized void start() {
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("j8s-scheduler-queue-flush").daemon().factory());
        flusher.scheduleWithFixedDelay(queue::flushBackoffCompleted, 1, 1, TimeUnit.SECONDS);
        flusher.scheduleWithFixedDelay(queue::flushUnschedulableLeftover, 30, 30, TimeUnit.SECONDS);
        schedulingThread = Thread.ofPlatform().name("j8s-scheduler").daemon().start(() -> {
            try {
                while (scheduleOne()) {
                    // next pod
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Waits for a pod and schedules it; false once the queue is closed. */
    public boolean scheduleOne() throws InterruptedException {
        QueuedPodInfo pod = queue.pop();
        if (pod == null) {
            return false;
        }
        schedule(pod);
        return true;
    }

    /** Schedules the next active pod if there is one, without waiting (tests, benchmarks). */
    public boolean scheduleNext() {
        QueuedPodInfo pod = queue.poll();
        if (pod == null) {
            return false;
        }
        schedule(pod);
        return true;
    }

    private void schedule(QueuedPodInfo queued) {
        PodInfo pod = queued.podInfo();
        if (cache.hasPod(pod.key())) {
            // already assumed or bound (a stale queue entry)
            queue.done(pod.key());
            return;
        }
        long cycle = queue.schedulingCycle();
        try {
            CycleState state = new CycleState();
            cache.updateSnapshot(snapshot);
            switch (search.schedule(state, pod)) {
                case ScheduleOutcome.Placed placed -> assumeAndBind(queued, state, placed.host(), cycle);
                case ScheduleOutcome.Unfit unfit -> handleUnfit(queued, state, unfit.fitError(), cycle);
                case ScheduleOutcome.Failed failed -> handleError(queued, failed.status());
            }
        } catch (RuntimeException e) {
            // a plugin bug must not end the scheduling loop: retry the pod later
            log.error("scheduling pod {} failed", pod, e);
            cache.forgetPod(pod);
            handleError(queued, Status.error(e.toString()));
        }
    }

    private void handleUnfit(QueuedPodInfo queued, CycleState state, FitError fitError, long cycle) {
        PodInfo pod = queued.podInfo();
        String nominated = null;
        List<Pod> victims = List.of();
        if (framework.hasPostFilterPlugins()) {
            PostFilterResult result = framework.runPostFilterPlugins(state, pod, fitError.diagnosis().nodeToStatus());
            if (!result.status().isSuccess() && result.status().code() != Code.ERROR) {
                fitError.diagnosis().setPostFilterMessage(result.status().message());
            }
            nominated = result.nominatedNodeName();
            victims = result.victims();
            if (nominated != null) {
                if (nominated.isEmpty()) {
                    framework.nominator().remove(pod.key());
                } else {
                    framework.nominator().add(pod, nominated);
                }
            }
        }
        queued.setUnschedulablePlugins(fitError.diagnosis().unschedulablePlugins());
        listener.unschedulable(pod.pod(), new SchedulingFailure(SchedulingFailure.UNSCHEDULABLE, fitError.message(),
                nominated, victims));
        queue.addUnschedulable(queued, cycle);
    }

    private void handleError(QueuedPodInfo queued, Status status) {
        listener.unschedulable(queued.podInfo().pod(), SchedulingFailure.error(status.message()));
        queue.addBackoff(queued);
    }

    /**
     * A failure after a host was chosen. A rejection (Reserve, Permit) reads like a FitError on
     * that one node, as Kubernetes reports it ("0/1 nodes are available: 1 ..."), and parks the
     * pod; anything else is an error retried after backoff.
     */
    private void handleFailureOnHost(QueuedPodInfo queued, String host, Status status, long cycle) {
        if (!status.isRejected()) {
            handleError(queued, status);
            return;
        }
        Diagnosis diagnosis = new Diagnosis();
        diagnosis.nodeToStatus().put(host, status);
        diagnosis.addPluginStatus(status);
        queued.setUnschedulablePlugins(diagnosis.unschedulablePlugins());
        listener.unschedulable(queued.podInfo().pod(), new SchedulingFailure(SchedulingFailure.UNSCHEDULABLE,
                new FitError(1, diagnosis).message(), null, List.of()));
        queue.addUnschedulable(queued, cycle);
    }

    /** Reserve, assume, Permit on the scheduling thread; then the binding cycle elsewhere. */
    private void assumeAndBind(QueuedPodInfo queued, CycleState state, String host, long cycle) {
        PodInfo pod = queued.podInfo();
        Status reserve = framework.runReservePluginsReserve(state, pod, host);
        if (!reserve.isSuccess()) {
            framework.runReservePluginsUnreserve(state, pod, host);
            handleFailureOnHost(queued, host, reserve, cycle);
            return;
        }
        cache.assumePod(pod, host);
        framework.nominator().remove(pod.key());
        Status permit = framework.runPermitPlugins(state, pod, host);
        if (!permit.isSuccess() && permit.code() != Code.WAIT) {
            framework.runReservePluginsUnreserve(state, pod, host);
            cache.forgetPod(pod);
            queue.moveAllToActiveOrBackoff(ClusterEvent.FORGET_POD);
            handleFailureOnHost(queued, host, permit, cycle);
            return;
        }
        bindingExecutor.execute(() -> bind(queued, state, host, cycle));
    }

    private void bind(QueuedPodInfo queued, CycleState state, String host, long cycle) {
        PodInfo pod = queued.podInfo();
        Status status;
        try {
            status = framework.waitOnPermit(pod);
            if (status.isSuccess()) {
                status = framework.runPreBindPlugins(state, pod, host);
            }
            if (status.isSuccess()) {
                status = framework.runBindPlugins(state, pod, host);
            }
        } catch (RuntimeException e) {
            log.error("binding pod {} to {} failed", pod, host, e);
            status = Status.error(e.toString());
        }
        if (status.isSuccess()) {
            queue.done(pod.key());
            listener.scheduled(pod.pod(), host);
            return;
        }
        framework.runReservePluginsUnreserve(state, pod, host);
        cache.forgetPod(pod);
        queue.moveAllToActiveOrBackoff(ClusterEvent.FORGET_POD);
        handleFailureOnHost(queued, host, status, cycle);
    }

    @Override
    public synchronized void close() {
        queue.close();
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (schedulingThread != null) {
            try {
                schedulingThread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownedBindingExecutor != null) {
            ownedBindingExecutor.shutdown();
        }
    }

    private static boolean isAssigned(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private boolean isResponsibleFor(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return (name == null || name.isEmpty() ? DefaultProfile.SCHEDULER_NAME : name)
                .equals(framework.profile().schedulerName());
    }

    /** {@code spec.schedulingGates}: the pod waits outside the queue until the gates are removed. */
    private static boolean isGated(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getSchedulingGates() != null
                && !pod.getSpec().getSchedulingGates().isEmpty();
    }
}
