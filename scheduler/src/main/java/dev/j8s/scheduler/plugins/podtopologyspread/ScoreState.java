package dev.j8s.scheduler.plugins.podtopologyspread;

import dev.j8s.scheduler.framework.CycleState;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PodTopologySpread's PreScore state for the ScheduleAnyway constraints: matching pods per domain
 * of the feasible nodes, nodes lacking a topology key (scored 0), and per-constraint weights
 * {@code log(domains + 2)} so a key with many domains weighs more.
 */
record ScoreState(List<Constraint> constraints, Map<FilterState.Pair, Long> podCounts, Set<String> ignoredNodes,
                  double[] normalizingWeights) implements CycleState.StateData {
}
