package dev.j8s.api.openapi.generate;

import dev.j8s.api.openapi.ApiGroupPackages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a Java client class name ("V1DeploymentSpec", "CoreV1Event") to the Kubernetes definition
 * name it was generated from ("io.k8s.api.apps.v1.DeploymentSpec", "io.k8s.api.core.v1.Event").
 * The client drops the Go package, so it is recovered, in order, from: a group prefix the client
 * adds when two groups share a kind name; the apimachinery meta/v1 kinds; the proto messages
 * (which carry the package); and finally which API group's operations reach the type.
 */
final class DefinitionNamer {

    private static final Pattern CLASS_NAME =
            Pattern.compile("^([A-Z][a-z]+)?(V\\d+(?:(?:alpha|beta)\\d+)?)([A-Z]\\w*)$");
    private static final Pattern API_CLASS = Pattern.compile("^([A-Za-z]+?)(V\\d+(?:(?:alpha|beta)\\d+)?)Api$");
    private static final Pattern RETURNED_MODEL = Pattern.compile("public (\\w+) execute\\(");

    /** The kinds of k8s.io/apimachinery/pkg/apis/meta/v1 that the client names with a bare "V1". */
    private static final Set<String> META_KINDS = Set.of(
            "APIGroup", "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "Condition",
            "DeleteOptions", "FieldSelectorRequirement", "GroupVersionForDiscovery", "LabelSelector",
            "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry", "ObjectMeta", "OwnerReference",
            "Preconditions", "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails", "WatchEvent");

    /** Client API class prefix → Go package, where they differ. */
    private static final Map<String, String> API_PACKAGES = Map.of(
            "FlowcontrolApiserver", "flowcontrol",
            "InternalApiserver", "apiserverinternal",
            "RbacAuthorization", "rbac");

    private final Map<String, Set<String>> protoPackagesByVersionKind = new HashMap<>();
    private final Map<String, Set<String>> reachingPackages = new HashMap<>();

    DefinitionNamer(ProtoCommentIndex proto, Map<String, ModelSource> models, Map<String, String> apiSources) {
        for (String message : proto.messages().keySet()) {
            protoPackage(message).ifPresent(pkg -> {
                String versionKind = message.substring(message.lastIndexOf('.', message.lastIndexOf('.') - 1) + 1);
                protoPackagesByVersionKind.computeIfAbsent(versionKind, k -> new TreeSet<>()).add(pkg);
            });
        }
        apiSources.forEach((apiClass, source) -> indexReachability(apiClass, source, models));
    }

    /** The Go package ("apps", "meta", ...) of a proto message name, if it is a known API package. */
    static Optional<String> protoPackage(String protoMessage) {
        String[] parts = protoMessage.split("\\.");
        if (parts.length < 3) {
            return Optional.empty();
        }
        String pkg = parts[parts.length - 3];
        return ApiGroupPackages.isKnownPackage(pkg) ? Optional.of(pkg) : Optional.empty();
    }

    /** The proto message name a definition has, e.g. "k8s.io.api.apps.v1.DeploymentSpec". */
    static String protoName(String definitionName) {
        return definitionName.startsWith("io.k8s.") ? "k8s.io." + definitionName.substring("io.k8s.".length())
                .replace("apiextensions-apiserver", "apiextensions_apiserver")
                .replace("kube-aggregator", "kube_aggregator") : definitionName;
    }

    Optional<String> definitionName(String className) {
        if (className.equals("VersionInfo")) {
            return Optional.of(ApiGroupPackages.VERSION_INFO);
        }
        Matcher m = CLASS_NAME.matcher(className);
        if (!m.matches()) {
            return Optional.empty();
        }
        String version = m.group(2).toLowerCase(Locale.ROOT);
        String kind = m.group(3);
        String pkg = m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT) : goPackage(className, version, kind);
        return Optional.of(ApiGroupPackages.packagePrefix(pkg) + version + "." + kind);
    }

    private String goPackage(String className, String version, String kind) {
        if (version.equals("v1") && META_KINDS.contains(kind)) {
            return "meta";
        }
        Set<String> reaching = reachingPackages.getOrDefault(className, Set.of());
        Set<String> fromProto = protoPackagesByVersionKind.getOrDefault(version + "." + kind, Set.of());
        if (fromProto.size() == 1) {
            return fromProto.iterator().next();
        }
        for (String pkg : fromProto) {
            if (reaching.contains(pkg)) {
                return pkg;
            }
        }
        if (reaching.size() == 1 || !reaching.contains("core")) {
            return reaching.stream().findFirst().orElse("core");
        }
        return "core";
    }

    /** Records which API groups' operations (transitively) reach each model class. */
    private void indexReachability(String apiClass, String source, Map<String, ModelSource> models) {
        Matcher api = API_CLASS.matcher(apiClass);
        if (!api.matches()) {
            return;
        }
        String pkg = API_PACKAGES.getOrDefault(api.group(1), api.group(1).toLowerCase(Locale.ROOT));
        Deque<String> queue = new ArrayDeque<>();
        Matcher returned = RETURNED_MODEL.matcher(source);
        while (returned.find()) {
            queue.add(returned.group(1));
        }
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            String cls = queue.poll();
            ModelSource model = models.get(cls);
            if (model == null || !seen.add(cls)) {
                continue;
            }
            reachingPackages.computeIfAbsent(cls, c -> new TreeSet<>()).add(pkg);
            for (ModelSource.Field f : model.fields()) {
                queue.addAll(JavaTypes.modelClasses(f.javaType()));
            }
        }
    }
}
