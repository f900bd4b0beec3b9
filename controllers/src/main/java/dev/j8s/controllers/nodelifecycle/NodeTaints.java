package dev.j8s.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The taints a node's Ready condition calls for (nodelifecycle's taint-based eviction and
 * TaintNodesByCondition): Ready=Unknown → node.kubernetes.io/unreachable, Ready=False →
 * node.kubernetes.io/not-ready, each with NoSchedule (no new pods) and NoExecute (evict running
 * ones, timeAdded starting their toleration clocks); Ready=True → neither.
 */
public final class NodeTaints {

    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String NO_SCHEDULE = "NoSchedule";
    public static final String NO_EXECUTE = "NoExecute";

    private NodeTaints() {}

    /**
     * The node's taints with the readiness ones made to match {@code readyStatus}; other taints are
     * kept, and a readiness taint already present keeps its timeAdded.
     */
    public static List<Taint> reconcile(List<Taint> current, String readyStatus, Instant now) {
        String wantedKey = switch (readyStatus == null ? "Unknown" : readyStatus) {
            case "True" -> null;
            case "False" -> NOT_READY;
            default -> UNREACHABLE;
        };
        List<Taint> out = new ArrayList<>();
        for (Taint t : current == null ? List.<Taint>of() : current) {
            boolean readiness = UNREACHABLE.equals(t.getKey()) || NOT_READY.equals(t.getKey());
            if (!readiness || t.getKey().equals(wantedKey)) {
                out.add(t);
            }
        }
        if (wantedKey != null) {
            addIfMissing(out, new TaintBuilder().withKey(wantedKey).withEffect(NO_SCHEDULE).build());
            addIfMissing(out, new TaintBuilder().withKey(wantedKey).withEffect(NO_EXECUTE)
                    .withTimeAdded(dev.j8s.controllers.framework.Timestamps.format(now)).build());
        }
        return out;
    }

    /** True when both lists hold the same taints, ignoring order. */
    public static boolean same(List<Taint> a, List<Taint> b) {
        List<Taint> left = a == null ? List.of() : a;
        List<Taint> right = b == null ? List.of() : b;
        return left.size() == right.size() && left.containsAll(right);
    }

    private static void addIfMissing(List<Taint> taints, Taint taint) {
        boolean present = taints.stream().anyMatch(t -> Objects.equals(t.getKey(), taint.getKey())
                && Objects.equals(t.getEffect(), taint.getEffect()));
        if (!present) {
            taints.add(taint);
        }
    }
}
