package dev.j8s.api.openapi;

import java.util.Map;
import java.util.Optional;

/**
 * How Kubernetes names OpenAPI definitions: {@code <Go package path>.<version>.<Kind>}, e.g.
 * {@code io.k8s.api.apps.v1.DeploymentSpec}. The Go package of a built-in API group is not derivable
 * from the group name ({@code rbac.authorization.k8s.io} lives in package {@code rbac}), so the table
 * below records the groups' {@code +groupName} declarations.
 */
public final class ApiGroupPackages {

    /** Short Go package name (as in {@code k8s.io/api/<package>}) → API group name. */
    private static final Map<String, String> GROUP_BY_PACKAGE = Map.ofEntries(
            Map.entry("core", ""),
            Map.entry("apps", "apps"),
            Map.entry("batch", "batch"),
            Map.entry("autoscaling", "autoscaling"),
            Map.entry("policy", "policy"),
            Map.entry("networking", "networking.k8s.io"),
            Map.entry("rbac", "rbac.authorization.k8s.io"),
            Map.entry("storage", "storage.k8s.io"),
            Map.entry("storagemigration", "storagemigration.k8s.io"),
            Map.entry("scheduling", "scheduling.k8s.io"),
            Map.entry("coordination", "coordination.k8s.io"),
            Map.entry("discovery", "discovery.k8s.io"),
            Map.entry("events", "events.k8s.io"),
            Map.entry("node", "node.k8s.io"),
            Map.entry("certificates", "certificates.k8s.io"),
            Map.entry("admissionregistration", "admissionregistration.k8s.io"),
            Map.entry("authentication", "authentication.k8s.io"),
            Map.entry("authorization", "authorization.k8s.io"),
            Map.entry("flowcontrol", "flowcontrol.apiserver.k8s.io"),
            Map.entry("apiserverinternal", "internal.apiserver.k8s.io"),
            Map.entry("resource", "resource.k8s.io"),
            Map.entry("apiextensions", "apiextensions.k8s.io"),
            Map.entry("apiregistration", "apiregistration.k8s.io"),
            Map.entry("metrics", "metrics.k8s.io"));

    public static final String META_V1 = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    public static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public static final String TIME = META_V1 + "Time";
    public static final String MICRO_TIME = META_V1 + "MicroTime";
    public static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";
    public static final String FIELDS_V1 = META_V1 + "FieldsV1";
    public static final String PATCH = META_V1 + "Patch";
    public static final String STATUS = META_V1 + "Status";
    public static final String DELETE_OPTIONS = META_V1 + "DeleteOptions";
    public static final String WATCH_EVENT = META_V1 + "WatchEvent";
    public static final String API_RESOURCE_LIST = META_V1 + "APIResourceList";
    public static final String VERSION_INFO = "io.k8s.apimachinery.pkg.version.Info";

    private ApiGroupPackages() {}

    /** The definition-name prefix of a Go package, e.g. "io.k8s.api.apps." for "apps". */
    public static String packagePrefix(String goPackage) {
        return switch (goPackage) {
            case "meta" -> "io.k8s.apimachinery.pkg.apis.meta.";
            case "apiextensions" -> "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.";
            case "apiregistration" -> "io.k8s.kube-aggregator.pkg.apis.apiregistration.";
            // metrics-server's types live in k8s.io/metrics, not k8s.io/api.
            case "metrics" -> "io.k8s.metrics.pkg.apis.metrics.";
            default -> "io.k8s.api." + goPackage + ".";
        };
    }

    public static boolean isKnownPackage(String goPackage) {
        return goPackage.equals("meta") || GROUP_BY_PACKAGE.containsKey(goPackage);
    }

    /** The Go package of a built-in group, e.g. "rbac" for "rbac.authorization.k8s.io". */
    public static Optional<String> packageOfGroup(String group) {
        return GROUP_BY_PACKAGE.entrySet().stream()
                .filter(e -> e.getValue().equals(group))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /**
     * The definition name a built-in kind has in Kubernetes' OpenAPI, or the name kube-apiserver
     * gives custom resources (reversed group, e.g. "com.example.stable.v1.CronTab").
     */
    public static String definitionName(String group, String version, String kind) {
        return packageOfGroup(group)
                .map(pkg -> packagePrefix(pkg) + version + "." + kind)
                .orElseGet(() -> reversedGroup(group) + "." + version + "." + kind);
    }

    private static String reversedGroup(String group) {
        String[] parts = group.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            out.append(parts[i]);
            if (i > 0) {
                out.append('.');
            }
        }
        return out.toString();
    }
}
