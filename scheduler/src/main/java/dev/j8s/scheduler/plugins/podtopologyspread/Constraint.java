package dev.j8s.scheduler.plugins.podtopologyspread;

import dev.j8s.api.selector.Operator;
import dev.j8s.api.selector.Requirement;
import dev.j8s.scheduler.framework.LabelMatcher;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.RequiredNodeAffinity;
import dev.j8s.scheduler.framework.Tolerations;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.List;

/**
 * One {@code spec.topologySpreadConstraints} entry, compiled. {@code nodeAffinityPolicy} (default
 * Honor) counts only nodes the pod's node affinity/selector accepts; {@code nodeTaintsPolicy}
 * (default Ignore) may also leave out nodes with taints the pod does not tolerate.
 */
record Constraint(int maxSkew, String topologyKey, LabelMatcher selector, int minDomains,
                  boolean honorNodeAffinity, boolean honorNodeTaints) {

    static final String DO_NOT_SCHEDULE = "DoNotSchedule";
    static final String SCHEDULE_ANYWAY = "ScheduleAnyway";

    static List<Constraint> of(PodInfo pod, String whenUnsatisfiable) {
        List<TopologySpreadConstraint> declared = pod.spec().getTopologySpreadConstraints();
        if (declared == null || declared.isEmpty()) {
            return List.of();
        }
        return declared.stream()
                .filter(c -> whenUnsatisfiable.equals(c.getWhenUnsatisfiable()))
                .map(c -> new Constraint(
                        c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
                        c.getTopologyKey(),
                        selector(pod, c),
                        c.getMinDomains() == null ? 1 : c.getMinDomains(),
                        !"Ignore".equals(c.getNodeAffinityPolicy()),
                        "Honor".equals(c.getNodeTaintsPolicy())))
                .toList();
    }

    /**
     * The label selector plus {@code matchLabelKeys}: each listed key the pod carries adds
     * {@code key in (pod's value)}, so pods of one rollout revision spread among themselves.
     */
    private static LabelMatcher selector(PodInfo pod, TopologySpreadConstraint c) {
        LabelMatcher selector = LabelMatcher.of(c.getLabelSelector());
        if (c.getMatchLabelKeys() == null || c.getLabelSelector() == null) {
            return selector;
        }
        List<Requirement> extra = c.getMatchLabelKeys().stream()
                .filter(key -> pod.labels().containsKey(key))
                .map(key -> new Requirement(key, Operator.IN, List.of(pod.labels().get(key))))
                .toList();
        return selector.and(extra);
    }

    boolean includesNode(PodInfo pod, NodeInfo node, RequiredNodeAffinity affinity) {
        if (honorNodeAffinity && !affinity.matches(node)) {
            return false;
        }
        return !honorNodeTaints || Tolerations.firstUntolerated(node.taints(), pod.tolerations(),
                t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())) == null;
    }

    static boolean nodeHasAllKeys(NodeInfo node, List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (!node.labels().containsKey(c.topologyKey())) {
                return false;
            }
        }
        return true;
    }

    /** Pods on the node in the pod's namespace that the selector matches; terminating pods do not count. */
    int countMatching(List<PodInfo> pods, String namespace) {
        int count = 0;
        for (PodInfo existing : pods) {
            if (!existing.terminating() && existing.namespace().equals(namespace) && selector.matches(existing.labels())) {
                count++;
            }
        }
        return count;
    }
}
