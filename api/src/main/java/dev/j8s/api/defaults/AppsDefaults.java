package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** apps/v1 defaults ({@code pkg/apis/apps/v1/defaults.go}), one method per kind. */
final class AppsDefaults {

    private AppsDefaults() {}

    /** {@code SetDefaults_Deployment}: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600 s progress deadline. */
    static void deployment(ObjectNode deployment) {
        ObjectNode spec = Fields.object(deployment, "spec");
        Fields.number(spec, "replicas", 1);
        ObjectNode strategy = Fields.object(spec, "strategy");
        Fields.text(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rollingUpdate = Fields.object(strategy, "rollingUpdate");
            Fields.text(rollingUpdate, "maxUnavailable", "25%");
            Fields.text(rollingUpdate, "maxSurge", "25%");
        }
        Fields.number(spec, "revisionHistoryLimit", 10);
        Fields.number(spec, "progressDeadlineSeconds", 600);
        PodSpecDefaults.applyTemplate(spec);
    }

    /** {@code SetDefaults_ReplicaSet}. */
    static void replicaSet(ObjectNode replicaSet) {
        ObjectNode spec = Fields.object(replicaSet, "spec");
        Fields.number(spec, "replicas", 1);
        PodSpecDefaults.applyTemplate(spec);
    }

    /** {@code SetDefaults_StatefulSet}. */
    static void statefulSet(ObjectNode statefulSet) {
        ObjectNode spec = Fields.object(statefulSet, "spec");
        Fields.text(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Fields.object(spec, "updateStrategy");
        if (Fields.blank(strategy, "type")) {
            strategy.put("type", "RollingUpdate");
            Fields.object(strategy, "rollingUpdate");
        }
        ObjectNode rollingUpdate = Fields.existing(strategy, "rollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate") && rollingUpdate != null) {
            Fields.number(rollingUpdate, "partition", 0);
        }
        ObjectNode retention = Fields.object(spec, "persistentVolumeClaimRetentionPolicy");
        Fields.text(retention, "whenDeleted", "Retain");
        Fields.text(retention, "whenScaled", "Retain");
        Fields.number(spec, "replicas", 1);
        Fields.number(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.applyTemplate(spec);
        for (ObjectNode claim : Fields.elements(spec, "volumeClaimTemplates")) {
            CoreDefaults.persistentVolumeClaim(claim);
        }
    }

    /** {@code SetDefaults_DaemonSet}: RollingUpdate with maxUnavailable 1 and maxSurge 0. */
    static void daemonSet(ObjectNode daemonSet) {
        ObjectNode spec = Fields.object(daemonSet, "spec");
        ObjectNode strategy = Fields.object(spec, "updateStrategy");
        Fields.text(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rollingUpdate = Fields.object(strategy, "rollingUpdate");
            if (Fields.absent(rollingUpdate, "maxUnavailable")) {
                rollingUpdate.put("maxUnavailable", 1);
            }
            if (Fields.absent(rollingUpdate, "maxSurge")) {
                rollingUpdate.put("maxSurge", 0);
            }
        }
        Fields.number(spec, "revisionHistoryLimit", 10);
        PodSpecDefaults.applyTemplate(spec);
    }
}
