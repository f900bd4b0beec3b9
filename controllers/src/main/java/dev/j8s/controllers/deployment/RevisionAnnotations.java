package dev.j8s.controllers.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The {@code deployment.kubernetes.io/*} annotations that record a Deployment's history on its
 * ReplicaSets (deployment util): the revision each template got, the revisions a reused template
 * had before ({@code revision-history}), and the Deployment size a ReplicaSet was last scaled for.
 */
final class RevisionAnnotations {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    /** Deployment annotations that are not copied to its ReplicaSets (annotationsToSkip). */
    private static final Set<String> NOT_COPIED = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration", REVISION, REVISION_HISTORY, DESIRED_REPLICAS,
            MAX_REPLICAS, "deprecated.deployment.rollback.to");

    private RevisionAnnotations() {}

    /** The revision of a ReplicaSet or Deployment; 0 when absent or unreadable. */
    static long revision(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(REVISION);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long maxRevision(Collection<? extends HasMetadata> objects) {
        return objects.stream().mapToLong(RevisionAnnotations::revision).max().orElse(0);
    }

    /** The max-replicas annotation, or -1 when absent. */
    static int maxReplicas(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(MAX_REPLICAS);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The desired-replicas annotation, or -1 when absent. */
    static int desiredReplicas(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(DESIRED_REPLICAS);
        try {
            return value == null ? -1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * SetNewReplicaSetAnnotations: copy the Deployment's own annotations, give the ReplicaSet
     * {@code newRevision} if that is higher than its current one (a reused template: a rollback or
     * undo), and remember the revision it had in revision-history. Returns whether anything changed.
     */
    static boolean applyToNewReplicaSet(Map<String, String> deploymentAnnotations, Map<String, String> rs,
                                        long newRevision) {
        boolean changed = copyDeploymentAnnotations(deploymentAnnotations, rs);
        String oldRevision = rs.get(REVISION);
        long old;
        try {
            old = oldRevision == null || oldRevision.isEmpty() ? 0 : Long.parseLong(oldRevision);
        } catch (NumberFormatException e) {
            return changed;
        }
        if (old < newRevision) {
            rs.put(REVISION, Long.toString(newRevision));
            changed = true;
            if (oldRevision != null && !oldRevision.isEmpty()) {
                String history = rs.get(REVISION_HISTORY);
                rs.put(REVISION_HISTORY, history == null || history.isEmpty() ? oldRevision : history + "," + oldRevision);
            }
        }
        return changed;
    }

    /** SetReplicasAnnotations: the Deployment size (and size plus surge) a ReplicaSet was scaled for. */
    static boolean setReplicas(Map<String, String> rs, int desired, int max) {
        String d = Integer.toString(desired);
        String m = Integer.toString(max);
        if (d.equals(rs.get(DESIRED_REPLICAS)) && m.equals(rs.get(MAX_REPLICAS))) {
            return false;
        }
        rs.put(DESIRED_REPLICAS, d);
        rs.put(MAX_REPLICAS, m);
        return true;
    }

    private static boolean copyDeploymentAnnotations(Map<String, String> deployment, Map<String, String> rs) {
        boolean changed = false;
        if (deployment == null) {
            return false;
        }
        for (Map.Entry<String, String> e : deployment.entrySet()) {
            if (NOT_COPIED.contains(e.getKey()) || e.getValue().equals(rs.get(e.getKey()))) {
                continue;
            }
            rs.put(e.getKey(), e.getValue());
            changed = true;
        }
        return changed;
    }
}
