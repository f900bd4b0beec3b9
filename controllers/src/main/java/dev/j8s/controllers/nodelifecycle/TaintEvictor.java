package dev.j8s.controllers.nodelifecycle;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.controllers.framework.Reconciler.Result;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deletes the pods of a node with NoExecute taints once they stop tolerating them (the taint
 * eviction controller, formerly the taint manager): each pod at the time {@link TaintEviction}
 * gives, with a TaintManagerEviction event, as a normal delete with the pod's own grace period.
 */
final class TaintEvictor {

    private final ResourceClient<Pod> podClient;
    private final EventRecorder recorder;
    private final Duration defaultReadinessToleration;

    TaintEvictor(ResourceClient<Pod> podClient, EventRecorder recorder, Duration defaultReadinessToleration) {
        this.podClient = podClient;
        this.recorder = recorder;
        this.defaultReadinessToleration = defaultReadinessToleration;
    }

    /** Deletes the pods due now; returns when the next one falls due. */
    Result sync(Node node, List<Pod> pods, Instant now) {
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        if (taints == null || taints.stream().noneMatch(t -> NodeTaints.NO_EXECUTE.equals(t.getEffect()))) {
            return Result.done();
        }
        Result next = Result.done();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Optional<Instant> evictAt = TaintEviction.evictionTime(pod.getSpec().getTolerations(), taints,
                    defaultReadinessToleration, now);
            if (evictAt.isEmpty()) {
                continue;
            }
            if (evictAt.get().isAfter(now)) {
                next = next.sooner(Result.requeueAfter(Duration.between(now, evictAt.get())));
            } else {
                evict(pod);
            }
        }
        return next;
    }

    private void evict(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        recorder.eventf(pod, EventRecorder.NORMAL, "TaintManagerEviction", "Marking for deletion Pod %s/%s", ns, name);
        try {
            podClient.delete(ns, name, new DeleteOptionsBuilder().withNewPreconditions()
                    .withUid(pod.getMetadata().getUid()).endPreconditions().build());
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
