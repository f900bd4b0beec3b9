package dev.j8s.scheduler.framework;

import java.util.Set;

/**
 * A PreFilter's answer: its status and, optionally, the only nodes worth filtering (null = all),
 * as Kubernetes' {@code PreFilterResult.NodeNames} narrows a pod pinned by {@code metadata.name}.
 */
public record PreFilterResult(Status status, Set<String> nodeNames) {

    public static final PreFilterResult SUCCESS = new PreFilterResult(Status.SUCCESS, null);
    public static final PreFilterResult SKIP = new PreFilterResult(Status.SKIP, null);

    public static PreFilterResult of(Status status) {
        return status.isSuccess() ? SUCCESS : new PreFilterResult(status, null);
    }

    public static PreFilterResult onlyNodes(Set<String> nodeNames) {
        return new PreFilterResult(Status.SUCCESS, Set.copyOf(nodeNames));
    }
}
