package dev.j8s.api.openapi;

import dev.j8s.api.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The REST operations kube-apiserver publishes for a resource: list/create/deletecollection on the
 * collection, get/replace/patch/delete on an object, list across namespaces for namespaced types,
 * and the subresources ({@code status}, {@code scale}, {@code log}, {@code exec}, ...).
 */
final class ResourceOperations {

    /** The kind a subresource reads or writes when it is not the resource's own kind. */
    record SubresourceKind(String definition, GroupVersionKind gvk) {}

    private static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
    private static final String EVICTION = "io.k8s.api.policy.v1.Eviction";
    private static final String BINDING = "io.k8s.api.core.v1.Binding";
    private static final String TOKEN_REQUEST = "io.k8s.api.authentication.v1.TokenRequest";

    private ResourceOperations() {}

    /** Definitions every group-version document needs for its operations. */
    static List<String> commonDefinitions() {
        return List.of(ApiGroupPackages.STATUS, ApiGroupPackages.DELETE_OPTIONS, ApiGroupPackages.PATCH,
                ApiGroupPackages.WATCH_EVENT, ApiGroupPackages.API_RESOURCE_LIST,
                ApiGroupPackages.META_V1 + "ObjectMeta", ApiGroupPackages.META_V1 + "ListMeta");
    }

    static List<SubresourceKind> subresourceKinds(ResourceType type) {
        return type.subresources().stream().sorted().flatMap(sub -> subresourceKind(sub).stream()).toList();
    }

    /** Subresources that read or write a kind of another group: the scale, eviction, binding and token kinds. */
    static Optional<SubresourceKind> subresourceKind(String sub) {
        return switch (sub) {
            case "scale" -> Optional.of(new SubresourceKind(SCALE, new GroupVersionKind("autoscaling", "v1", "Scale")));
            case "eviction" -> Optional.of(new SubresourceKind(EVICTION, new GroupVersionKind("policy", "v1", "Eviction")));
            case "binding" -> Optional.of(new SubresourceKind(BINDING, new GroupVersionKind("", "v1", "Binding")));
            case "token" -> Optional.of(new SubresourceKind(TOKEN_REQUEST,
                    new GroupVersionKind("authentication.k8s.io", "v1", "TokenRequest")));
            default -> Optional.empty();
        };
    }

    /** The API resource list at the group-version root, e.g. GET /apis/apps/v1/. */
    static ApiPath discovery(String group, String version, String pathPrefix) {
        ApiOperation get = new ApiOperation("get", null, "get" + camel(group, version) + "APIResources",
                "get available resources", null, List.of(), null, false, ApiGroupPackages.API_RESOURCE_LIST, false, false);
        return new ApiPath(pathPrefix + "/", List.of(), List.of(get));
    }

    static List<ApiPath> paths(ResourceType type) {
        String def = ServedDefinitions.definitionName(type);
        String listDef = ServedDefinitions.listDefinitionName(type);
        GroupVersionKind gvk = new GroupVersionKind(type.group(), type.version(), type.kind());
        String scope = type.namespaced() ? "Namespaced" : "";
        String base = type.pathPrefix() + (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural();
        String id = camel(type.group(), type.version()) + scope + type.kind();
        List<OperationParameter> scopeParams = type.namespaced()
                ? List.of(OperationParameter.NAMESPACE, OperationParameter.PRETTY) : List.of(OperationParameter.PRETTY);
        List<OperationParameter> itemParams = new ArrayList<>();
        itemParams.add(OperationParameter.path("name", "name of the " + type.kind()));
        itemParams.addAll(scopeParams);

        List<OperationParameter> deleteCollection = new ArrayList<>(OperationParameter.DELETE);
        deleteCollection.addAll(OperationParameter.LIST);
        List<ApiPath> out = new ArrayList<>();
        if (!type.supports("list")) {
            // Reviews (create-only): a single POST that answers with the same kind.
            out.add(new ApiPath(base, scopeParams, List.of(op("post", "post", "create" + id, "create a " + type.kind(),
                    gvk, OperationParameter.WRITE, def, def, true, false))));
            return out;
        }
        out.add(new ApiPath(base, scopeParams, List.of(
                op("get", "list", "list" + id, "list or watch objects of kind " + type.kind(), gvk,
                        OperationParameter.LIST, null, listDef, false, true),
                op("post", "post", "create" + id, "create a " + type.kind(), gvk,
                        OperationParameter.WRITE, def, def, true, false),
                op("delete", "deletecollection", "deleteCollection" + id, "delete collection of " + type.kind(), gvk,
                        deleteCollection, ApiGroupPackages.DELETE_OPTIONS, ApiGroupPackages.STATUS, false, false))));
        out.add(new ApiPath(base + "/{name}", itemParams, objectOperations(id, type.kind(), "", gvk, def, true)));
        if (type.namespaced()) {
            String all = type.pathPrefix() + "/" + type.plural();
            out.add(new ApiPath(all, List.of(OperationParameter.PRETTY), List.of(op("get", "list",
                    "list" + camel(type.group(), type.version()) + type.kind() + "ForAllNamespaces",
                    "list or watch objects of kind " + type.kind(), gvk, OperationParameter.LIST, null, listDef,
                    false, true))));
        }
        for (String sub : type.subresources().stream().sorted().toList()) {
            subresourcePath(type, sub, base + "/{name}/" + sub, id, gvk, def, itemParams).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<ApiPath> subresourcePath(ResourceType type, String sub, String path, String id,
                                                               GroupVersionKind gvk, String def,
                                                               List<OperationParameter> itemParams) {
        String subId = id + capitalize(sub);
        List<ApiOperation> ops = switch (sub) {
            case "status", "ephemeralcontainers" -> objectOperations(subId, type.kind(), " " + sub + " of", gvk, def,
                    false);
            case "scale" -> objectOperations(subId, type.kind(), " scale of", subresourceKind(sub).orElseThrow().gvk(),
                    SCALE, false);
            case "finalize" -> List.of(op("put", "put", "replace" + subId, "replace finalize of the specified "
                    + type.kind(), gvk, OperationParameter.WRITE, def, def, true, false));
            case "eviction", "binding", "token" -> {
                SubresourceKind kind = subresourceKind(sub).orElseThrow();
                yield List.of(op("post", "post", "create" + subId, "create " + sub + " of a " + type.kind(),
                        kind.gvk(), OperationParameter.WRITE, kind.definition(), kind.definition(), true, false));
            }
            case "log" -> List.of(op("get", "get", "read" + subId, "read log of the specified " + type.kind(), gvk,
                    OperationParameter.LOG, null, null, false, false));
            case "exec", "attach", "portforward" -> connect(subId, sub, type,
                    new GroupVersionKind("", "v1", type.kind() + connectOptionsKind(sub)), List.of("get", "post"));
            case "proxy" -> connect(subId, sub, type, new GroupVersionKind("", "v1", type.kind() + "ProxyOptions"),
                    List.of("get", "put", "post", "delete", "patch", "head", "options"));
            default -> List.of();
        };
        return ops.isEmpty() ? Optional.empty() : Optional.of(new ApiPath(path, itemParams, ops));
    }

    private static String connectOptionsKind(String sub) {
        return switch (sub) {
            case "exec" -> "ExecOptions";
            case "attach" -> "AttachOptions";
            default -> "PortForwardOptions";
        };
    }

    private static List<ApiOperation> connect(String id, String sub, ResourceType type, GroupVersionKind gvk,
                                              List<String> methods) {
        List<ApiOperation> ops = new ArrayList<>();
        for (String method : methods) {
            ops.add(op(method, "connect", "connect" + capitalize(method) + id,
                    "connect " + method.toUpperCase(Locale.ROOT) + " requests to " + sub + " of " + type.kind(),
                    gvk, List.of(), null, null, false, false));
        }
        return ops;
    }

    /** get / put / patch (and delete for the object itself) on one object or a subresource of it. */
    private static List<ApiOperation> objectOperations(String id, String kind, String what, GroupVersionKind gvk,
                                                       String def, boolean withDelete) {
        List<ApiOperation> ops = new ArrayList<>();
        ops.add(op("get", "get", "read" + id, "read" + what + " the specified " + kind, gvk,
                List.of(), null, def, false, false));
        ops.add(op("put", "put", "replace" + id, "replace" + what + " the specified " + kind, gvk,
                OperationParameter.WRITE, def, def, true, false));
        ops.add(new ApiOperation("patch", "patch", "patch" + id, "partially update" + what + " the specified " + kind,
                gvk, OperationParameter.PATCH, ApiGroupPackages.PATCH, true, def, true, false));
        if (withDelete) {
            ops.add(op("delete", "delete", "delete" + id, "delete a " + kind, gvk, OperationParameter.DELETE,
                    ApiGroupPackages.DELETE_OPTIONS, ApiGroupPackages.STATUS, true, false));
        }
        return ops;
    }

    private static ApiOperation op(String method, String action, String id, String description, GroupVersionKind gvk,
                                   List<OperationParameter> params, String request, String response, boolean created,
                                   boolean watchable) {
        return new ApiOperation(method, action, id, description, gvk, params, request, false, response, created,
                watchable);
    }

    /** "AppsV1", "CoreV1", "RbacAuthorizationV1": the group-version part of kube-apiserver's operation ids. */
    static String camel(String group, String version) {
        String name = group.isEmpty() ? "core" : group.replaceAll("\\.k8s\\.io$", "");
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[.-]")) {
            out.append(capitalize(part));
        }
        return out + capitalize(version);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
