package dev.j8s.scheduler.plugins.podtopologyspread;

import dev.j8s.scheduler.framework.CycleState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PodTopologySpread's PreFilter state: matching pods per topology domain, for the DoNotSchedule constraints. */
final class FilterState implements CycleState.StateData {

    record Pair(String key, String value) {
    }

    final List<Constraint> constraints;
    final Map<Pair, Integer> matchNum;

    FilterState(List<Constraint> constraints, Map<Pair, Integer> matchNum) {
        this.constraints = constraints;
        this.matchNum = matchNum;
    }

    /**
     * The smallest count among the key's domains; 0 when fewer domains than {@code minDomains}
     * exist, so the skew counts the missing domains as empty.
     */
    int minMatchNum(Constraint c) {
        int domains = 0;
        int min = Integer.MAX_VALUE;
        for (Map.Entry<Pair, Integer> entry : matchNum.entrySet()) {
            if (entry.getKey().key().equals(c.topologyKey())) {
                domains++;
                min = Math.min(min, entry.getValue());
            }
        }
        if (domains == 0 || domains < c.minDomains()) {
            return 0;
        }
        return min;
    }

    @Override
    public FilterState copy() {
        return new FilterState(constraints, new HashMap<>(matchNum));
    }
}
