package dev.j8s.api.table;

import dev.j8s.api.ResourceType;
import java.util.HashMap;
import java.util.Map;

/** The printer of each built-in resource, keyed by API group and plural; others get the default table. */
final class PrinterRegistry {

    private final Map<String, Printer> printers = new HashMap<>();

    static PrinterRegistry builtins() {
        PrinterRegistry r = new PrinterRegistry();
        r.add("", "pods", new PodPrinter());
        r.add("", "podtemplates", WorkloadPrinters.podTemplates());
        r.add("", "replicationcontrollers", WorkloadPrinters.replicationControllers());
        r.add("", "services", NetworkPrinters.services());
        r.add("", "endpoints", NetworkPrinters.endpoints());
        r.add("", "nodes", NodePrinter.create());
        r.add("", "events", new EventPrinter(EventPrinter.CORE_V1));
        r.add("", "namespaces", ConfigPrinters.namespaces());
        r.add("", "configmaps", ConfigPrinters.configMaps());
        r.add("", "secrets", ConfigPrinters.secrets());
        r.add("", "serviceaccounts", ConfigPrinters.serviceAccounts());
        r.add("", "resourcequotas", ConfigPrinters.resourceQuotas());
        r.add("", "persistentvolumes", StoragePrinters.persistentVolumes());
        r.add("", "persistentvolumeclaims", StoragePrinters.persistentVolumeClaims());
        r.add("apps", "deployments", WorkloadPrinters.deployments());
        r.add("apps", "replicasets", WorkloadPrinters.replicaSets());
        r.add("apps", "statefulsets", WorkloadPrinters.statefulSets());
        r.add("apps", "daemonsets", WorkloadPrinters.daemonSets());
        r.add("apps", "controllerrevisions", WorkloadPrinters.controllerRevisions());
        r.add("batch", "jobs", BatchPrinters.jobs());
        r.add("batch", "cronjobs", BatchPrinters.cronJobs());
        r.add("networking.k8s.io", "ingresses", NetworkPrinters.ingresses());
        r.add("networking.k8s.io", "ingressclasses", NetworkPrinters.ingressClasses());
        r.add("networking.k8s.io", "networkpolicies", NetworkPrinters.networkPolicies());
        r.add("discovery.k8s.io", "endpointslices", NetworkPrinters.endpointSlices());
        r.add("events.k8s.io", "events", new EventPrinter(EventPrinter.EVENTS_V1));
        r.add("coordination.k8s.io", "leases", ConfigPrinters.leases());
        r.add("scheduling.k8s.io", "priorityclasses", ConfigPrinters.priorityClasses());
        r.add("policy", "poddisruptionbudgets", ScalingPrinters.podDisruptionBudgets());
        r.add("autoscaling", "horizontalpodautoscalers", ScalingPrinters.horizontalPodAutoscalers());
        r.add("rbac.authorization.k8s.io", "rolebindings", AccessPrinters.roleBindings());
        r.add("rbac.authorization.k8s.io", "clusterrolebindings", AccessPrinters.clusterRoleBindings());
        r.add("storage.k8s.io", "storageclasses", StoragePrinters.storageClasses());
        r.add("storage.k8s.io", "csidrivers", StoragePrinters.csiDrivers());
        r.add("storage.k8s.io", "csinodes", StoragePrinters.csiNodes());
        r.add("storage.k8s.io", "volumeattachments", StoragePrinters.volumeAttachments());
        r.add("certificates.k8s.io", "certificatesigningrequests", ClusterPrinters.certificateSigningRequests());
        r.add("admissionregistration.k8s.io", "mutatingwebhookconfigurations", ClusterPrinters.webhookConfigurations());
        r.add("admissionregistration.k8s.io", "validatingwebhookconfigurations",
                ClusterPrinters.webhookConfigurations());
        r.add("node.k8s.io", "runtimeclasses", ClusterPrinters.runtimeClasses());
        return r;
    }

    private void add(String group, String plural, Printer printer) {
        printers.put(key(group, plural), printer);
    }

    /** The resource's printer; the NAME / CREATED AT default for resources Kubernetes has no printer for. */
    Printer forType(ResourceType type) {
        if (type.custom() != null) {
            return new CustomResourcePrinter(type.custom().printerColumns());
        }
        return printers.getOrDefault(key(type.group(), type.plural()), DefaultPrinter.INSTANCE);
    }

    boolean hasPrinter(ResourceType type) {
        return printers.containsKey(key(type.group(), type.plural()));
    }

    private static String key(String group, String plural) {
        return group + "/" + plural;
    }
}
