package dev.j8s.scheduler.framework;

import java.util.Set;
import java.util.SortedSet;

/**
 * A PreFilter's answer: its status and, optionally, the only nodes worth filtering (null = all),
 * as Kubernetes' {@code PreFilterResult.NodeNames} narrows a pod pinned by {@code metadata.name}.
 * The framework's merged result also names the plugins that narrowed the nodes.
 */
public record PreFilterResult(Status status, Set<String> nodeNames, SortedSet<String> narrowedBy) {

    public static final PreFilterResult SUCCESS = new PreFilterResult(Status.SUCCESS, null, null);
    public static final PreFilterResult SKIP = new PreFilterResult(Status.SKIP, null, null);

    public static PreFilterResult of(Status status) {
        return status.isSuccess() ? SUCCESS : new PreFilterResult(status, null, null);
    }

    public static PreFilterResult onlyNodes(Set<String> nodeNames) {
        return new PreFilterResult(Status.SUCCESS, Set.copyOf(nodeNames), null);
    }

    /** Go's {@code %v} of a string slice, as Kubernetes prints plugin lists: {@code [A B]}. */
    public static String goList(SortedSet<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
