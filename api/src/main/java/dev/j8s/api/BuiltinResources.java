package dev.j8s.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The built-in Kubernetes resources j8s serves, with the short names, categories and
 * subresources Kubernetes 1.32 advertises for them in discovery.
 */
final class BuiltinResources {

    private static final boolean NAMESPACED = true;
    private static final boolean CLUSTER = false;
    private static final List<String> ALL_CATEGORY = List.of("all");
    private static final List<String> NONE = List.of();
    private static final String AUTHORIZATION = "authorization.k8s.io";

    static final List<ResourceType> ALL = build();

    private BuiltinResources() {}

    private static List<ResourceType> build() {
        List<ResourceType> r = new ArrayList<>();
        // core/v1
        r.add(t("", "v1", "pods", "Pod", NAMESPACED, List.of("po"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.Pod.class,
                "status", "log", "exec", "attach", "portforward", "binding", "eviction", "ephemeralcontainers"));
        r.add(t("", "v1", "services", "Service", NAMESPACED, List.of("svc"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.Service.class, "status", "proxy"));
        r.add(t("", "v1", "endpoints", "Endpoints", NAMESPACED, List.of("ep"), NONE,
                io.fabric8.kubernetes.api.model.Endpoints.class));
        r.add(t("", "v1", "configmaps", "ConfigMap", NAMESPACED, List.of("cm"), NONE,
                io.fabric8.kubernetes.api.model.ConfigMap.class));
        r.add(t("", "v1", "secrets", "Secret", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.Secret.class));
        r.add(t("", "v1", "namespaces", "Namespace", CLUSTER, List.of("ns"), NONE,
                io.fabric8.kubernetes.api.model.Namespace.class, "status", "finalize"));
        r.add(t("", "v1", "nodes", "Node", CLUSTER, List.of("no"), NONE,
                io.fabric8.kubernetes.api.model.Node.class, "status", "proxy"));
        r.add(t("", "v1", "persistentvolumes", "PersistentVolume", CLUSTER, List.of("pv"), NONE,
                io.fabric8.kubernetes.api.model.PersistentVolume.class, "status"));
        r.add(t("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", NAMESPACED, List.of("pvc"), NONE,
                io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class, "status"));
        r.add(t("", "v1", "serviceaccounts", "ServiceAccount", NAMESPACED, List.of("sa"), NONE,
                io.fabric8.kubernetes.api.model.ServiceAccount.class, "token"));
        r.add(t("", "v1", "events", "Event", NAMESPACED, List.of("ev"), NONE,
                io.fabric8.kubernetes.api.model.Event.class));
        r.add(t("", "v1", "limitranges", "LimitRange", NAMESPACED, List.of("limits"), NONE,
                io.fabric8.kubernetes.api.model.LimitRange.class));
        r.add(t("", "v1", "resourcequotas", "ResourceQuota", NAMESPACED, List.of("quota"), NONE,
                io.fabric8.kubernetes.api.model.ResourceQuota.class, "status"));
        r.add(t("", "v1", "replicationcontrollers", "ReplicationController", NAMESPACED, List.of("rc"),
                ALL_CATEGORY, io.fabric8.kubernetes.api.model.ReplicationController.class, "status", "scale"));
        r.add(t("", "v1", "podtemplates", "PodTemplate", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.PodTemplate.class));
        // apps/v1
        r.add(t("apps", "v1", "deployments", "Deployment", NAMESPACED, List.of("deploy"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.apps.Deployment.class, "status", "scale"));
        r.add(t("apps", "v1", "replicasets", "ReplicaSet", NAMESPACED, List.of("rs"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.apps.ReplicaSet.class, "status", "scale"));
        r.add(t("apps", "v1", "statefulsets", "StatefulSet", NAMESPACED, List.of("sts"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "status", "scale"));
        r.add(t("apps", "v1", "daemonsets", "DaemonSet", NAMESPACED, List.of("ds"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.apps.DaemonSet.class, "status"));
        r.add(t("apps", "v1", "controllerrevisions", "ControllerRevision", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.apps.ControllerRevision.class));
        // batch/v1
        r.add(t("batch", "v1", "jobs", "Job", NAMESPACED, NONE, ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.batch.v1.Job.class, "status"));
        r.add(t("batch", "v1", "cronjobs", "CronJob", NAMESPACED, List.of("cj"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, "status"));
        // networking.k8s.io/v1
        r.add(t("networking.k8s.io", "v1", "ingresses", "Ingress", NAMESPACED, List.of("ing"), NONE,
                io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, "status"));
        r.add(t("networking.k8s.io", "v1", "ingressclasses", "IngressClass", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.networking.v1.IngressClass.class));
        r.add(t("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", NAMESPACED, List.of("netpol"), NONE,
                io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));
        // coordination.k8s.io/v1
        r.add(t("coordination.k8s.io", "v1", "leases", "Lease", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.coordination.v1.Lease.class));
        // discovery.k8s.io/v1
        r.add(t("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice.class));
        // events.k8s.io/v1: the same objects as core/v1 Events, kept in their storage
        r.add(t("events.k8s.io", "v1", "events", "Event", NAMESPACED, List.of("ev"), NONE,
                io.fabric8.kubernetes.api.model.events.v1.Event.class)
                .storedAs(dev.j8s.api.conversion.EventsV1Conversion.IN_CORE_EVENTS));
        // policy/v1
        r.add(t("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", NAMESPACED, List.of("pdb"), NONE,
                io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, "status"));
        // rbac.authorization.k8s.io/v1
        r.add(t("rbac.authorization.k8s.io", "v1", "roles", "Role", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.rbac.Role.class));
        r.add(t("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", NAMESPACED, NONE, NONE,
                io.fabric8.kubernetes.api.model.rbac.RoleBinding.class));
        r.add(t("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.rbac.ClusterRole.class));
        r.add(t("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding.class));
        // autoscaling/v2
        r.add(t("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", NAMESPACED,
                List.of("hpa"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class, "status"));
        // autoscaling/v1: the same objects, stored as v2 (kubectl autoscale creates v1 HPAs); after v2 so v2 stays preferred
        r.add(t("autoscaling", "v1", "horizontalpodautoscalers", "HorizontalPodAutoscaler", NAMESPACED,
                List.of("hpa"), ALL_CATEGORY,
                io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, "status")
                .storedAs(dev.j8s.api.conversion.AutoscalingV1Conversion.IN_V2));
        // metrics.k8s.io/v1beta1: served from the API server's in-memory resource metrics, never stored; node
        // agents feed it through nodes/report (a j8s extension, hidden from discovery), clients only read.
        r.add(metrics("nodes", "NodeMetrics", CLUSTER,
                io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics.class, "report"));
        r.add(metrics("pods", "PodMetrics", NAMESPACED,
                io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics.class));
        // storage.k8s.io/v1
        r.add(t("storage.k8s.io", "v1", "storageclasses", "StorageClass", CLUSTER, List.of("sc"), NONE,
                io.fabric8.kubernetes.api.model.storage.StorageClass.class));
        r.add(t("storage.k8s.io", "v1", "csidrivers", "CSIDriver", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.storage.CSIDriver.class));
        r.add(t("storage.k8s.io", "v1", "csinodes", "CSINode", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.storage.CSINode.class));
        r.add(t("storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.storage.VolumeAttachment.class, "status"));
        // authorization.k8s.io/v1: reviews are answered, never stored
        r.add(review(AUTHORIZATION, "selfsubjectaccessreviews", "SelfSubjectAccessReview", CLUSTER));
        r.add(review(AUTHORIZATION, "selfsubjectrulesreviews", "SelfSubjectRulesReview", CLUSTER));
        r.add(review(AUTHORIZATION, "subjectaccessreviews", "SubjectAccessReview", CLUSTER));
        r.add(review(AUTHORIZATION, "localsubjectaccessreviews", "LocalSubjectAccessReview", NAMESPACED));
        // authentication.k8s.io/v1: kubectl auth whoami
        r.add(review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", CLUSTER));
        // scheduling.k8s.io/v1
        r.add(t("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", CLUSTER, List.of("pc"), NONE,
                io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass.class));
        // certificates.k8s.io/v1 (the approval subresource is not served yet)
        r.add(t("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", CLUSTER,
                List.of("csr"), NONE,
                io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest.class, "status"));
        // admissionregistration.k8s.io/v1: stored and served; j8s does not call the webhooks
        r.add(t("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
                "MutatingWebhookConfiguration", CLUSTER, NONE, List.of("api-extensions"),
                io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration.class));
        r.add(t("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
                "ValidatingWebhookConfiguration", CLUSTER, NONE, List.of("api-extensions"),
                io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration.class));
        // node.k8s.io/v1
        r.add(t("node.k8s.io", "v1", "runtimeclasses", "RuntimeClass", CLUSTER, NONE, NONE,
                io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class));
        // apiextensions.k8s.io/v1
        r.add(t("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", CLUSTER,
                List.of("crd", "crds"), List.of("api-extensions"),
                io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class, "status"));
        return List.copyOf(r);
    }

    private static ResourceType review(String group, String plural, String kind, boolean namespaced) {
        return new ResourceType(group, "v1", plural, kind.toLowerCase(java.util.Locale.ROOT), kind,
                namespaced, NONE, NONE, Set.of(), null, ResourceType.CREATE_ONLY, null);
    }

    /** A read-only resource metrics type: get and list, as metrics-server serves them. */
    private static ResourceType metrics(String plural, String kind, boolean namespaced, Class<?> model,
                                        String... subresources) {
        return new ResourceType("metrics.k8s.io", "v1beta1", plural, kind.toLowerCase(java.util.Locale.ROOT), kind,
                namespaced, NONE, NONE, Set.copyOf(Arrays.asList(subresources)), model, List.of("get", "list"), null);
    }

    private static ResourceType t(String group, String version, String plural, String kind, boolean namespaced,
                                  List<String> shortNames, List<String> categories, Class<?> model,
                                  String... subresources) {
        return new ResourceType(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
                shortNames, categories, Set.copyOf(Arrays.asList(subresources)), model, ResourceType.ALL_VERBS, null);
    }
}
