package dev.j8s.scheduler.framework;

import java.util.List;
import java.util.Map;

/**
 * A scheduling profile (Kubernetes' KubeSchedulerProfile): the scheduler name pods select with
 * {@code spec.schedulerName}, the enabled plugins in the order their extension points run, the
 * weight of each Score plugin, and percentageOfNodesToScore (0 = Kubernetes' adaptive default).
 */
public record Profile(String schedulerName, List<Plugin> plugins, Map<String, Integer> scoreWeights,
                      int percentageOfNodesToScore) {

    public Profile {
        plugins = List.copyOf(plugins);
        scoreWeights = Map.copyOf(scoreWeights);
    }

    public int weight(String plugin) {
        return scoreWeights.getOrDefault(plugin, 1);
    }
}
