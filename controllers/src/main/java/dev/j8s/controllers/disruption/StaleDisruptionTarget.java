package dev.j8s.controllers.disruption;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Reconciler;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Resets a pod's DisruptionTarget condition that no deletion followed (disruption.go
 * syncStalePodDisruption): the eviction subresource marks the pod before deleting it, and if the
 * delete never happens the mark would tell the pod's workload forever that it is going away. After
 * {@link #STALE_TIMEOUT} the condition is set to False.
 */
final class StaleDisruptionTarget implements Reconciler {

    /** Kubernetes' stalePodDisruptionTimeout. */
    static final Duration STALE_TIMEOUT = Duration.ofMinutes(2);
    static final String DISRUPTION_TARGET = "DisruptionTarget";
    /** Set by the kubelet, whose termination may start arbitrarily late: never stale. */
    private static final String TERMINATION_BY_KUBELET = "TerminationByKubelet";

    private final Indexer<Pod> pods;
    private final ResourceClient<Pod> podClient;
    private final Clock clock;

    StaleDisruptionTarget(Indexer<Pod> pods, ResourceClient<Pod> podClient, Clock clock) {
        this.pods = pods;
        this.podClient = podClient;
        this.clock = clock;
    }

    @Override
    public Result reconcile(String key) {
        Pod pod = pods.get(key);
        if (pod == null) {
            return Result.done();
        }
        Optional<Duration> cleanupIn = cleanupIn(pod, clock.instant());
        if (cleanupIn.isEmpty()) {
            return Result.done();
        }
        if (cleanupIn.get().isPositive()) {
            return Result.requeueAfter(cleanupIn.get());
        }
        Pod copy = Copies.deepCopy(pod);
        for (PodCondition c : copy.getStatus().getConditions()) {
            if (DISRUPTION_TARGET.equals(c.getType())) {
                c.setStatus("False");
                c.setLastTransitionTime(Timestamps.format(clock.instant()));
            }
        }
        try {
            podClient.updateStatus(copy);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        return Result.done();
    }

    /**
     * How long until the pod's DisruptionTarget condition is stale (zero or less: it is), or empty
     * when it has none to clean up: no True condition, one set by the kubelet, a pod already being
     * deleted or finished.
     */
    static Optional<Duration> cleanupIn(Pod pod, Instant now) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> DISRUPTION_TARGET.equals(c.getType()) && "True".equals(c.getStatus())
                        && !TERMINATION_BY_KUBELET.equals(c.getReason()))
                .findFirst()
                .map(c -> {
                    Instant since = Timestamps.parse(c.getLastTransitionTime());
                    return since == null ? Duration.ZERO : Duration.between(now, since.plus(STALE_TIMEOUT));
                });
    }
}
