package dev.j8s.controllers.deployment;

import dev.j8s.controllers.framework.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;

/**
 * maxSurge and maxUnavailable of a RollingUpdate resolved to pod counts (deployment util's
 * ResolveFenceposts): percentages of spec.replicas rounded up for surge and down for
 * unavailability, and never both zero (then one pod may be unavailable, or no rollout could
 * start). Recreate deployments have no surge and no unavailability budget.
 */
record RollingUpdateLimits(int maxSurge, int maxUnavailable) {

    static final RollingUpdateLimits NONE = new RollingUpdateLimits(0, 0);

    static RollingUpdateLimits of(Deployment d) {
        if (!DeploymentSpecs.isRollingUpdate(d)) {
            return NONE;
        }
        RollingUpdateDeployment rolling = d.getSpec().getStrategy().getRollingUpdate();
        IntOrString surge = rolling == null || rolling.getMaxSurge() == null ? new IntOrString("25%") : rolling.getMaxSurge();
        IntOrString unavailable = rolling == null || rolling.getMaxUnavailable() == null
                ? new IntOrString("25%") : rolling.getMaxUnavailable();
        return resolve(surge, unavailable, DeploymentSpecs.replicas(d));
    }

    static RollingUpdateLimits resolve(IntOrString maxSurge, IntOrString maxUnavailable, int desired) {
        int surge = scaled(maxSurge, desired, true);
        int unavailable = scaled(maxUnavailable, desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new RollingUpdateLimits(surge, unavailable);
    }

    /** deployment util's MaxUnavailable: capped at spec.replicas, zero when there are no replicas. */
    int unavailableFor(int desired) {
        if (desired == 0) {
            return 0;
        }
        return Math.min(maxUnavailable, desired);
    }

    /** intstr.GetScaledValueFromIntOrPercent. */
    static int scaled(IntOrString value, int total, boolean roundUp) {
        return IntOrPercent.scaled(value, total, roundUp);
    }
}
