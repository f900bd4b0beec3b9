package dev.j8s.controllers.nodelifecycle;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.controllers.framework.Reconciler.Result;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Force-deletes (gracePeriodSeconds=0) the terminating pods of an unreachable node once their
 * grace period is over, as the pod garbage collector does for pods on nodes that are out of
 * service: a pod bound to a node waits for its kubelet to confirm the stop, and a dead kubelet
 * never does. The grace period is timed on this controller's clock from when it first saw the
 * pod terminating, so neither clock skew nor a controller restart shortens it.
 */
final class TerminatingPodCollector {

    private final ResourceClient<Pod> podClient;
    /** Node name → uid of each terminating pod seen there → when its grace period ends. */
    private final Map<String, Map<String, Instant>> deadlines = new ConcurrentHashMap<>();

    TerminatingPodCollector(ResourceClient<Pod> podClient) {
        this.podClient = podClient;
    }

    /** Force-deletes the pods due now; returns when the next one falls due. */
    Result sync(Node node, List<Pod> pods, Instant now) {
        String nodeName = node.getMetadata().getName();
        if (!unreachable(node)) {
            deadlines.remove(nodeName);
            return Result.done();
        }
        List<Pod> terminating = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).toList();
        Set<String> uids = terminating.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
        Map<String, Instant> seen = deadlines.computeIfAbsent(nodeName, n -> new HashMap<>());
        Result next = Result.done();
        synchronized (seen) {
            seen.keySet().retainAll(uids);
            for (Pod pod : terminating) {
                long grace = pod.getMetadata().getDeletionGracePeriodSeconds() == null ? 0
                        : pod.getMetadata().getDeletionGracePeriodSeconds();
                Instant deadline = seen.computeIfAbsent(pod.getMetadata().getUid(), u -> now.plusSeconds(grace));
                if (deadline.isAfter(now)) {
                    next = next.sooner(Result.requeueAfter(Duration.between(now, deadline)));
                } else {
                    forceDelete(pod);
                }
            }
        }
        return next;
    }

    void forget(String nodeName) {
        deadlines.remove(nodeName);
    }

    private static boolean unreachable(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> NodeTaints.UNREACHABLE.equals(t.getKey()));
    }

    private void forceDelete(Pod pod) {
        try {
            podClient.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), new DeleteOptionsBuilder()
                    .withGracePeriodSeconds(0L).withNewPreconditions().withUid(pod.getMetadata().getUid())
                    .endPreconditions().build());
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
