package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a pod being deleted as the kubelet does (pkg/kubelet/pod_workers.go terminating → terminated):
 * a pod that was Ready first drains ({@link TerminationDrain}) while its endpoints are withdrawn, then every
 * running container gets its preStop hook and SIGTERM, and SIGKILL when the grace period is
 * over, all containers in parallel; the pod reports its containers terminated (phase Succeeded when
 * all exited 0, Failed otherwise); then the kubelet completes the deletion with grace period 0 and a
 * uid precondition, so a new pod of the same name is never removed by mistake; last, the sandbox
 * and the pod's directory go.
 */
final class PodTerminator {

    private static final Logger log = LoggerFactory.getLogger(PodTerminator.class);
    private static final Duration MIN_GRACE_AFTER_DRAIN = Duration.ofSeconds(2);

    private final ContainerRuntime runtime;
    private final PodSyncer syncer;
    private final VolumeManager volumes;
    private final ResourceClient<Pod> pods;
    private final String runtimeScheme;
    private final java.time.Clock clock;
    private final TerminationDrain drain;

    PodTerminator(ContainerRuntime runtime, PodSyncer syncer, VolumeManager volumes, ResourceClient<Pod> pods,
                  java.time.Clock clock, TerminationDrain drain) {
        this.drain = drain;
        this.runtime = runtime;
        this.syncer = syncer;
        this.volumes = volumes;
        this.pods = pods;
        this.runtimeScheme = runtime.name();
        this.clock = clock;
    }

    /** Stops the pod's containers within its grace period, reports them, and deletes the pod for good. */
    void terminate(Pod pod) {
        String uid = pod.getMetadata().getUid();
        PodSandboxStatus sandbox = sandboxOf(uid);
        if (sandbox != null) {
            Duration grace = PodSyncer.gracePeriod(pod);
            try {
                // What the drain used leaves the rest for preStop and SIGTERM, but never nothing: the kubelet's
                // minimum of 2 s after preStop still holds for a pod that had a grace period at all.
                Duration drained = drain.await(pod, grace);
                if (!drained.isZero()) {
                    Duration left = grace.minus(drained);
                    grace = left.compareTo(MIN_GRACE_AFTER_DRAIN) < 0 ? MIN_GRACE_AFTER_DRAIN : left;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            stopAll(pod, sandbox, grace);
            reportStopped(pod, sandbox);
        }
        try {
            pods.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), new DeleteOptionsBuilder()
                    .withGracePeriodSeconds(0L)
                    .withNewPreconditions().withUid(uid).endPreconditions().build());
        } catch (ApiStatusException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
        cleanup(uid);
    }

    /** A pod that is gone from the API (or unknown): its processes are killed and its state removed. */
    void cleanup(String uid) {
        PodSandboxStatus sandbox = sandboxOf(uid);
        if (sandbox != null) {
            runtime.removePodSandbox(sandbox.id());
        }
        volumes.remove(uid);
    }

    private void stopAll(Pod pod, PodSandboxStatus sandbox, Duration grace) {
        List<Thread> stopping = new ArrayList<>();
        for (ContainerStatus c : runtime.listContainers(sandbox.id())) {
            if (!c.isRunning()) {
                continue;
            }
            Container spec = Stream.concat(list(pod.getSpec().getContainers()).stream(),
                    list(pod.getSpec().getInitContainers()).stream())
                    .filter(s -> s.getName().equals(c.name())).findFirst().orElse(null);
            stopping.add(Thread.ofVirtual().name("j8s-kubelet-kill-" + c.name()).start(() -> syncer.kill(pod, spec, c.id(), grace)));
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reportStopped(Pod pod, PodSandboxStatus sandbox) {
        runtime.stopPodSandbox(sandbox.id());
        PodContainers current = PodContainers.of(runtime.listContainers(sandbox.id()));
        List<ContainerView> inits = new ArrayList<>();
        for (Container c : list(pod.getSpec().getInitContainers())) {
            inits.add(new ContainerView(c.getName(), c.getImage(), current.latest(c.getName()),
                    current.previous(c.getName()), null, null, false, false));
        }
        List<ContainerView> containers = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(new ContainerView(c.getName(), c.getImage(), current.latest(c.getName()),
                    current.previous(c.getName()), null, null, false, false));
        }
        // Stopped for good: the phase is what the exits say, whatever the restart policy.
        Pod asNever = new PodBuilder(pod).editSpec().withRestartPolicy("Never").endSpec().build();
        var status = PodStatusComputer.compute(asNever, new PodStatusComputer.Observed(false,
                pod.getStatus() == null ? null : pod.getStatus().getHostIP(), sandbox.ip(), inits, containers,
                runtimeScheme), clock.instant());
        try {
            pods.patchStatus(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
                    dev.j8s.client.ClientJson.MAPPER.writeValueAsString(java.util.Map.of("status", status)));
        } catch (ApiStatusException | com.fasterxml.jackson.core.JsonProcessingException e) {
            log.debug("final status of {} not written: {}", pod.getMetadata().getName(), e.getMessage());
        }
    }

    private PodSandboxStatus sandboxOf(String uid) {
        return runtime.listPodSandboxes().stream().filter(s -> s.config().podUid().equals(uid)).findFirst().orElse(null);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
