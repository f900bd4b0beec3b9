package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import java.util.List;
import java.util.Map;

/**
 * What kube-apiserver's registry strategies check before storing a built-in object:
 * {@code ValidateObjectMeta}(Update) plus each kind's spec rules. Objects are expected to be
 * defaulted first (as the server does), so fields that defaulting always fills are not required.
 */
public final class Validator {

    /** group + "/" + kind → rules; kinds not listed get metadata checks only. */
    private static final Map<String, KindRules> RULES = Map.ofEntries(
            Map.entry("/Pod", new PodRules()),
            Map.entry("/Service", new ServiceRules()),
            Map.entry("/ConfigMap", new ConfigMapRules()),
            Map.entry("/Secret", new SecretRules()),
            Map.entry("/Namespace", new NamespaceRules()),
            Map.entry("/Node", SmallKindRules.NODE),
            Map.entry("/PersistentVolumeClaim", SmallKindRules.PERSISTENT_VOLUME_CLAIM),
            Map.entry("/ReplicationController", SmallKindRules.REPLICATION_CONTROLLER),
            Map.entry("apps/Deployment", new DeploymentRules()),
            Map.entry("apps/ReplicaSet", new ReplicaSetRules()),
            Map.entry("apps/StatefulSet", new StatefulSetRules()),
            Map.entry("apps/DaemonSet", new DaemonSetRules()),
            Map.entry("batch/Job", new JobRules()),
            Map.entry("batch/CronJob", new CronJobRules()),
            Map.entry("networking.k8s.io/Ingress", new IngressRules()),
            Map.entry("coordination.k8s.io/Lease", SmallKindRules.LEASE),
            // Names only need to be URL path segments for these kinds.
            Map.entry("rbac.authorization.k8s.io/Role", KindRules.metadataOnly(NameRule.PATH_SEGMENT)),
            Map.entry("rbac.authorization.k8s.io/ClusterRole", KindRules.metadataOnly(NameRule.PATH_SEGMENT)),
            Map.entry("rbac.authorization.k8s.io/RoleBinding", KindRules.metadataOnly(NameRule.PATH_SEGMENT)),
            Map.entry("rbac.authorization.k8s.io/ClusterRoleBinding", KindRules.metadataOnly(NameRule.PATH_SEGMENT)));

    private Validator() {}

    /** Validates a create (old == null) or an update (old != null) of the object; returns causes (empty = valid). */
    public static List<StatusCause> validate(ResourceType type, ObjectNode object, ObjectNode old) {
        KindRules rules = rulesFor(type);
        FieldErrors errs = new FieldErrors();
        if (old == null) {
            ObjectMetaRules.validateCreate(Nodes.get(object, "metadata"), type.namespaced(), rules.nameRule(), errs);
            rules.validate(object, errs);
        } else {
            ObjectMetaRules.validateUpdate(Nodes.get(object, "metadata"), Nodes.get(old, "metadata"), errs);
            rules.validate(object, errs);
            rules.validateUpdate(object, old, errs);
        }
        List<StatusCause> causes = errs.causes();
        if (type.group().equals("apiextensions.k8s.io") && type.kind().equals("CustomResourceDefinition")) {
            causes = new java.util.ArrayList<>(causes);
            CrdRules.validate(object, old, causes);
        }
        return causes;
    }

    /** The syntax metadata.name must follow for a kind (for name generation and path checks). */
    public static NameRule nameRule(ResourceType type) {
        return rulesFor(type).nameRule();
    }

    private static KindRules rulesFor(ResourceType type) {
        return RULES.getOrDefault(type.group() + "/" + type.kind(), KindRules.METADATA_ONLY);
    }
}
