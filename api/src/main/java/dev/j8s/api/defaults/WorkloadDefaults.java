package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of the workload controllers' objects (apps/v1 and batch/v1 defaults.go). */
final class WorkloadDefaults {

    private WorkloadDefaults() {}

    static void deployment(ObjectNode d) {
        ObjectNode spec = Nodes.obj(d, "spec");
        Nodes.put(spec, "replicas", 1);
        ObjectNode strategy = Nodes.obj(spec, "strategy");
        Nodes.put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = Nodes.obj(strategy, "rollingUpdate");
            Nodes.put(rolling, "maxUnavailable", "25%");
            Nodes.put(rolling, "maxSurge", "25%");
        }
        Nodes.put(spec, "revisionHistoryLimit", 10);
        Nodes.put(spec, "progressDeadlineSeconds", 600);
        PodDefaults.template(Nodes.obj(spec, "template"));
    }

    static void replicaSet(ObjectNode rs) {
        ObjectNode spec = Nodes.obj(rs, "spec");
        Nodes.put(spec, "replicas", 1);
        PodDefaults.template(Nodes.obj(spec, "template"));
    }

    static void replicationController(ObjectNode rc) {
        ObjectNode spec = Nodes.obj(rc, "spec");
        Nodes.put(spec, "replicas", 1);
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if (Nodes.absent(spec, "selector") && labels.isObject()) {
            spec.set("selector", labels.deepCopy());
        }
        if (spec.get("template") instanceof ObjectNode t) {
            PodDefaults.template(t);
        }
    }

    static void statefulSet(ObjectNode sts) {
        ObjectNode spec = Nodes.obj(sts, "spec");
        Nodes.put(spec, "replicas", 1);
        Nodes.put(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = Nodes.obj(spec, "updateStrategy");
        Nodes.put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            Nodes.put(Nodes.obj(strategy, "rollingUpdate"), "partition", 0);
        }
        Nodes.put(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = Nodes.obj(spec, "persistentVolumeClaimRetentionPolicy");
        Nodes.put(retention, "whenDeleted", "Retain");
        Nodes.put(retention, "whenScaled", "Retain");
        PodDefaults.template(Nodes.obj(spec, "template"));
    }

    static void daemonSet(ObjectNode ds) {
        ObjectNode spec = Nodes.obj(ds, "spec");
        ObjectNode strategy = Nodes.obj(spec, "updateStrategy");
        Nodes.put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode rolling = Nodes.obj(strategy, "rollingUpdate");
            Nodes.put(rolling, "maxUnavailable", 1);
            Nodes.put(rolling, "maxSurge", 0);
        }
        Nodes.put(spec, "revisionHistoryLimit", 10);
        PodDefaults.template(Nodes.obj(spec, "template"));
    }

    static void job(ObjectNode job) {
        ObjectNode spec = Nodes.obj(job, "spec");
        Nodes.put(spec, "completionMode", "NonIndexed");
        if (Nodes.absent(spec, "completions") && Nodes.absent(spec, "parallelism")) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        }
        Nodes.put(spec, "parallelism", 1);
        Nodes.put(spec, "backoffLimit", 6);
        Nodes.put(spec, "suspend", false);
        Nodes.put(spec, "manualSelector", false);
        Nodes.put(spec, "podReplacementPolicy", "TerminatingOrFailed");
        ObjectNode template = Nodes.obj(spec, "template");
        PodDefaults.template(template);
    }

    static void cronJob(ObjectNode cj) {
        ObjectNode spec = Nodes.obj(cj, "spec");
        Nodes.put(spec, "concurrencyPolicy", "Allow");
        Nodes.put(spec, "suspend", false);
        Nodes.put(spec, "successfulJobsHistoryLimit", 3);
        Nodes.put(spec, "failedJobsHistoryLimit", 1);
        ObjectNode jobSpec = Nodes.obj(Nodes.obj(spec, "jobTemplate"), "spec");
        Nodes.put(jobSpec, "completionMode", "NonIndexed");
        Nodes.put(jobSpec, "backoffLimit", 6);
        Nodes.put(jobSpec, "suspend", false);
        Nodes.put(jobSpec, "podReplacementPolicy", "TerminatingOrFailed");
        PodDefaults.template(Nodes.obj(jobSpec, "template"));
    }
}
