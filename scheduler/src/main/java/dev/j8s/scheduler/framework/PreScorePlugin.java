package dev.j8s.scheduler.framework;

import java.util.List;

/** Runs once per cycle before Score with the feasible nodes; {@link Status#SKIP} skips its Score. */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, PodInfo pod, List<NodeInfo> feasibleNodes);
}
