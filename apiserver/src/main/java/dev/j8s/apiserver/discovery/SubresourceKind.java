package dev.j8s.apiserver.discovery;

import dev.j8s.api.ResourceType;
import java.util.List;

/** The kind and verbs discovery advertises for a subresource, as Kubernetes 1.32 does. */
record SubresourceKind(String group, String version, String kind, List<String> verbs) {

    private static final List<String> READ_WRITE = List.of("get", "patch", "update");

    static SubresourceKind of(ResourceType parent, String subresource) {
        return switch (subresource) {
            case "scale" -> new SubresourceKind("autoscaling", "v1", "Scale", READ_WRITE);
            case "log" -> new SubresourceKind("", "v1", "Pod", List.of("get"));
            case "exec" -> new SubresourceKind("", "v1", "PodExecOptions", List.of("create", "get"));
            case "attach" -> new SubresourceKind("", "v1", "PodAttachOptions", List.of("create", "get"));
            case "portforward" -> new SubresourceKind("", "v1", "PodPortForwardOptions", List.of("create", "get"));
            case "binding" -> new SubresourceKind("", "v1", "Binding", List.of("create"));
            case "eviction" -> new SubresourceKind("policy", "v1", "Eviction", List.of("create"));
            case "token" -> new SubresourceKind("authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
            case "finalize" -> new SubresourceKind("", "v1", "Namespace", List.of("update"));
            // nodes/proxy and services/proxy take NodeProxyOptions / ServiceProxyOptions for every verb.
            case "proxy" -> new SubresourceKind("", "v1", parent.kind() + "ProxyOptions",
                    List.of("create", "delete", "get", "patch", "update"));
            default -> new SubresourceKind(parent.group(), parent.version(), parent.kind(), READ_WRITE);
        };
    }
}
