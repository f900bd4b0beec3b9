package dev.j8s.controllers.podautoscaler;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;

/**
 * One direction of spec.behavior with Kubernetes' defaults filled in (SetDefaults_HorizontalPodAutoscalerBehavior):
 * scale up at once by 100 % or 4 pods per 15 s, whichever is more; scale down by up to 100 % per 15 s
 * after a 300 s stabilization window.
 */
record ScalingRules(int stabilizationWindowSeconds, String selectPolicy, List<Policy> policies) {

    record Policy(String type, int value, int periodSeconds) {}

    static final String MAX = "Max";
    static final String MIN = "Min";
    static final String DISABLED = "Disabled";

    static ScalingRules scaleUp(HorizontalPodAutoscalerBehavior behavior) {
        return of(behavior == null ? null : behavior.getScaleUp(), 0,
                List.of(new Policy("Pods", 4, 15), new Policy("Percent", 100, 15)));
    }

    static ScalingRules scaleDown(HorizontalPodAutoscalerBehavior behavior) {
        return of(behavior == null ? null : behavior.getScaleDown(), 300, List.of(new Policy("Percent", 100, 15)));
    }

    private static ScalingRules of(HPAScalingRules rules, int defaultWindow, List<Policy> defaultPolicies) {
        if (rules == null) {
            return new ScalingRules(defaultWindow, MAX, defaultPolicies);
        }
        int window = rules.getStabilizationWindowSeconds() == null ? defaultWindow
                : rules.getStabilizationWindowSeconds();
        String select = rules.getSelectPolicy() == null ? MAX : rules.getSelectPolicy();
        List<Policy> policies = rules.getPolicies() == null || rules.getPolicies().isEmpty() ? defaultPolicies
                : rules.getPolicies().stream().map(ScalingRules::policy).toList();
        return new ScalingRules(window, select, policies);
    }

    private static Policy policy(HPAScalingPolicy p) {
        return new Policy(p.getType(), p.getValue() == null ? 0 : p.getValue(),
                p.getPeriodSeconds() == null ? 15 : p.getPeriodSeconds());
    }

    int longestPeriodSeconds() {
        return policies.stream().mapToInt(Policy::periodSeconds).max().orElse(0);
    }
}
