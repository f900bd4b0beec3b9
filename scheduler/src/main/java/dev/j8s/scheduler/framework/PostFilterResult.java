package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * A PostFilter's answer: its status (its message becomes the FitError's PostFilter part), the node
 * to nominate ("" clears a previous nomination, null leaves it) and the pods to delete for it.
 */
public record PostFilterResult(Status status, String nominatedNodeName, List<Pod> victims) {

    public PostFilterResult {
        victims = List.copyOf(victims);
    }

    public static PostFilterResult failed(Status status) {
        return new PostFilterResult(status, null, List.of());
    }
}
