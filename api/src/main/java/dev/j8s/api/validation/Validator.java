package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import java.util.ArrayList;
import java.util.List;

/** Validation of built-in objects before they are stored, as kube-apiserver's registry strategies do. */
public final class Validator {

    private Validator() {}

    /** Validates a create ({@code old == null}) or an update; returns the causes (empty = valid). */
    public static List<StatusCause> validate(ResourceType type, ObjectNode object, ObjectNode old) {
        List<StatusCause> out = new ArrayList<>();
        MetadataRules.validate(type, object, old, out);
        switch (type.group() + "/" + type.kind()) {
            case "apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet", "apps/DaemonSet" ->
                    WorkloadRules.validate(type.kind(), object, old, out);
            case "/Pod" -> PodSpecRules.validate(object.path("spec"), "spec", PodSpecRules.RESTART_POLICIES, out);
            case "/Service" -> ServiceRules.validate(object, old, out);
            case "/ConfigMap" -> DataRules.configMap(object, old, out);
            case "/Secret" -> DataRules.secret(object, old, out);
            case "batch/Job" -> BatchRules.job(object, old, out);
            case "batch/CronJob" -> BatchRules.cronJob(object, out);
            case "networking.k8s.io/Ingress" -> IngressRules.validate(object, out);
            case "apiextensions.k8s.io/CustomResourceDefinition" -> CrdRules.validate(object, old, out);
            default -> { }
        }
        return out;
    }
}
