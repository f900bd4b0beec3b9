package dev.j8s.scheduler;

import dev.j8s.scheduler.framework.FitError;
import dev.j8s.scheduler.framework.Status;

/** The result of searching a node for one pod. */
sealed interface ScheduleOutcome {

    /** {@code host} won; {@code evaluatedNodes} were filtered, {@code feasibleNodes} of them passed. */
    record Placed(String host, int evaluatedNodes, int feasibleNodes) implements ScheduleOutcome {
    }

    /** No node fits. */
    record Unfit(FitError fitError) implements ScheduleOutcome {
    }

    /** A plugin failed internally (Code ERROR), or there are no nodes at all. */
    record Failed(Status status) implements ScheduleOutcome {
    }
}
