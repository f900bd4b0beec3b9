package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kubernetes' defaulting (the {@code SetDefaults_*} functions) for the built-in types j8s serves,
 * applied to object trees before validation. One small defaulter per kind.
 */
public final class Defaulter {

    private static final Map<String, Consumer<ObjectNode>> BY_KIND = Map.ofEntries(
            Map.entry("/Pod", o -> PodDefaults.pod(o)),
            Map.entry("/PodTemplate", o -> PodDefaults.template(Nodes.obj(o, "template"))),
            Map.entry("/ReplicationController", WorkloadDefaults::replicationController),
            Map.entry("/Service", ServiceDefaults::service),
            Map.entry("/Namespace", CoreDefaults::namespace),
            Map.entry("/Secret", CoreDefaults::secret),
            Map.entry("/PersistentVolumeClaim", CoreDefaults::persistentVolumeClaim),
            Map.entry("apps/Deployment", WorkloadDefaults::deployment),
            Map.entry("apps/ReplicaSet", WorkloadDefaults::replicaSet),
            Map.entry("apps/StatefulSet", WorkloadDefaults::statefulSet),
            Map.entry("apps/DaemonSet", WorkloadDefaults::daemonSet),
            Map.entry("batch/Job", WorkloadDefaults::job),
            Map.entry("batch/CronJob", WorkloadDefaults::cronJob));

    private Defaulter() {}

    public static void apply(ResourceType type, ObjectNode object) {
        Consumer<ObjectNode> defaulter = BY_KIND.get(type.group() + "/" + type.kind());
        if (defaulter != null) {
            defaulter.accept(object);
        }
    }

    /**
     * A Job without {@code manualSelector} gets a selector on its own uid and the matching labels
     * on its pod template, as the Job registry does on create.
     */
    public static void applyJobSelector(ObjectNode job, String uid) {
        ObjectNode spec = Nodes.obj(job, "spec");
        if (spec.path("manualSelector").asBoolean(false)) {
            return;
        }
        String name = job.path("metadata").path("name").asText("");
        ObjectNode matchLabels = Json.object();
        matchLabels.put("batch.kubernetes.io/controller-uid", uid);
        ObjectNode selector = Json.object();
        selector.set("matchLabels", matchLabels);
        spec.set("selector", selector);
        ObjectNode labels = Nodes.obj(Nodes.obj(Nodes.obj(spec, "template"), "metadata"), "labels");
        labels.put("batch.kubernetes.io/controller-uid", uid);
        labels.put("batch.kubernetes.io/job-name", name);
        labels.put("controller-uid", uid);
        labels.put("job-name", name);
    }
}
