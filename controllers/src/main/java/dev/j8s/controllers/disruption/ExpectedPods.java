package dev.j8s.controllers.disruption;

import dev.j8s.controllers.framework.IntOrPercent;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many pods a budget expects and how many of them must stay healthy (disruption.go
 * getExpectedPodCount). An integer minAvailable counts the matching pods themselves; maxUnavailable
 * and a percentage minAvailable are taken of the summed scale of the pods' controllers, so that pods
 * missing right now still count.
 */
final class ExpectedPods {

    /**
     * @param unmanagedPods matching pods without a controller: they cannot be counted against a scale,
     *                      which Kubernetes reports as a warning rather than a failure
     */
    record Target(int expectedCount, int desiredHealthy, List<String> unmanagedPods) {}

    private ExpectedPods() {}

    static Target of(PodDisruptionBudgetSpec spec, List<Pod> pods, ScaleLookup scales) {
        if (spec.getMaxUnavailable() != null) {
            Scale scale = expectedScale(pods, scales);
            int maxUnavailable = scaled(spec.getMaxUnavailable(), scale.count());
            return new Target(scale.count(), Math.max(0, scale.count() - maxUnavailable), scale.unmanaged());
        }
        IntOrString minAvailable = spec.getMinAvailable();
        if (minAvailable == null) {
            return new Target(0, 0, List.of());
        }
        if (minAvailable.getIntVal() != null) {
            return new Target(pods.size(), minAvailable.getIntVal(), List.of());
        }
        Scale scale = expectedScale(pods, scales);
        return new Target(scale.count(), scaled(minAvailable, scale.count()), scale.unmanaged());
    }

    private record Scale(int count, List<String> unmanaged) {}

    /**
     * The sum of the scales of the controllers of {@code pods}, each controller counted once
     * (getExpectedScale). A pod whose controller reference leads nowhere fails the sync.
     */
    private static Scale expectedScale(List<Pod> pods, ScaleLookup scales) {
        Map<String, Integer> byController = new LinkedHashMap<>();
        List<String> unmanaged = new ArrayList<>();
        for (Pod pod : pods) {
            Optional<OwnerReference> ref = OwnerReferences.controllerOf(pod);
            if (ref.isEmpty()) {
                unmanaged.add(pod.getMetadata().getName());
                continue;
            }
            if (byController.containsKey(ref.get().getUid())) {
                continue;
            }
            ControllerScale found = scales.find(ref.get(), pod.getMetadata().getNamespace())
                    .orElseThrow(() -> new BudgetSyncException("found no controllers for pod \""
                            + pod.getMetadata().getName() + "\""));
            byController.put(found.uid(), found.replicas());
        }
        int count = byController.values().stream().mapToInt(Integer::intValue).sum();
        return new Scale(count, List.copyOf(unmanaged));
    }

    /** Percentages round up, as intstr.GetScaledValueFromIntOrPercent(…, true) in the controller. */
    private static int scaled(IntOrString value, int total) {
        try {
            return IntOrPercent.scaled(value, total, true);
        } catch (IllegalArgumentException e) {
            throw new BudgetSyncException(e.getMessage(), e);
        }
    }
}
