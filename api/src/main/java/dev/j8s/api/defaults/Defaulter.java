package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fills in what Kubernetes' defaulting ({@code SetDefaults_*}) fills in before an object is
 * validated and stored, so stored objects look like a real cluster's. Unknown kinds are left
 * untouched.
 */
public final class Defaulter {

    /** group + "/" + kind → defaulting of that kind. */
    private static final Map<String, Consumer<ObjectNode>> KINDS = Map.ofEntries(
            Map.entry("/Pod", PodDefaults::apply),
            Map.entry("/PodTemplate", template -> PodSpecDefaults.applyTemplate(template)),
            Map.entry("/ReplicationController", CoreDefaults::replicationController),
            Map.entry("/Service", CoreDefaults::service),
            Map.entry("/Namespace", CoreDefaults::namespace),
            Map.entry("/Secret", CoreDefaults::secret),
            Map.entry("/PersistentVolumeClaim", CoreDefaults::persistentVolumeClaim),
            Map.entry("/PersistentVolume", CoreDefaults::persistentVolume),
            Map.entry("/Node", CoreDefaults::node),
            Map.entry("/Endpoints", CoreDefaults::endpoints),
            Map.entry("/LimitRange", CoreDefaults::limitRange),
            Map.entry("apps/Deployment", AppsDefaults::deployment),
            Map.entry("apps/ReplicaSet", AppsDefaults::replicaSet),
            Map.entry("apps/StatefulSet", AppsDefaults::statefulSet),
            Map.entry("apps/DaemonSet", AppsDefaults::daemonSet),
            Map.entry("batch/Job", BatchDefaults::job),
            Map.entry("batch/CronJob", BatchDefaults::cronJob),
            Map.entry("networking.k8s.io/NetworkPolicy", NetworkingDefaults::networkPolicy),
            // SetDefaults_PriorityClass: a class preempts lower priorities unless told otherwise
            Map.entry("scheduling.k8s.io/PriorityClass", pc -> Fields.text(pc, "preemptionPolicy",
                    "PreemptLowerPriority")),
            Map.entry("discovery.k8s.io/EndpointSlice", NetworkingDefaults::endpointSlice));

    private Defaulter() {}

    /** Applies the kind's defaults to the object in place. */
    public static void apply(ResourceType type, ObjectNode object) {
        Consumer<ObjectNode> defaults = KINDS.get(type.group() + "/" + type.kind());
        if (defaults != null) {
            defaults.accept(object);
        }
    }

    /**
     * The Job's generated selector, which needs the uid the server assigns on create: template
     * labels {@code batch.kubernetes.io/controller-uid}, {@code batch.kubernetes.io/job-name},
     * {@code controller-uid}, {@code job-name}, and {@code spec.selector.matchLabels} on the
     * controller uid. Does nothing when {@code spec.manualSelector} is true.
     */
    public static void applyJobSelector(ObjectNode job, String uid) {
        BatchDefaults.jobSelector(job, uid);
    }
}
