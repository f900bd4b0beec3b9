package dev.j8s.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/**
 * What rollout planning needs to know about one ReplicaSet: its desired size (spec), the pods its
 * controller last counted (status.replicas) and how many of those are available.
 */
record ReplicaSetCounts(String name, int spec, int observed, int available) {

    static ReplicaSetCounts of(ReplicaSet rs) {
        return new ReplicaSetCounts(rs.getMetadata().getName(), DeploymentSpecs.replicas(rs),
                DeploymentSpecs.statusReplicas(rs), DeploymentSpecs.availableReplicas(rs));
    }

    /**
     * Pods that exist or are about to: a ReplicaSet scaled down still has its surplus pods until
     * its controller deletes them and reports so; one scaled up gets its pods soon. Counting the
     * larger keeps maxSurge a bound at every moment, not only once the ReplicaSets settle.
     */
    int podsCounted() {
        return Math.max(spec, observed);
    }

    /**
     * Available pods that will remain: a ReplicaSet scaled below its available count is about to
     * lose the difference, so an available count reported before the scale-down is not relied on.
     */
    int availableCounted() {
        return Math.min(available, spec);
    }

    ReplicaSetCounts withSpec(int newSpec) {
        return new ReplicaSetCounts(name, newSpec, observed, available);
    }
}
