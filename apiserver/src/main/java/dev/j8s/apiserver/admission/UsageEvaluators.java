package dev.j8s.apiserver.admission;

import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link UsageEvaluator} measures a kind of object, and which kind a quota resource name is
 * about. Pods, Services and PersistentVolumeClaims have their own; every other namespaced kind is
 * an object count ({@code count/<resource>[.<group>]}), as Kubernetes creates them on demand.
 */
public final class UsageEvaluators {

    /** The names quota used for object counts before {@code count/} existed. */
    private static final Map<String, String> LEGACY_COUNTS = Map.of(
            "configmaps", "configmaps",
            "secrets", "secrets",
            "resourcequotas", "resourcequotas",
            "replicationcontrollers", "replicationcontrollers");

    /** Kinds quota admission ignores (Kubernetes' ignoredResources): events are not quota'd. */
    private static final Set<String> IGNORED = Set.of("events", "events.events.k8s.io");

    private static final PodUsage PODS = new PodUsage();
    private static final ServiceUsage SERVICES = new ServiceUsage();
    private static final ClaimUsage CLAIMS = new ClaimUsage();

    private final ResourceRegistry registry;

    public UsageEvaluators(ResourceRegistry registry) {
        this.registry = registry;
    }

    /** The evaluator for objects of {@code type}; empty when quota does not apply to it. */
    public static Optional<UsageEvaluator> forType(ResourceType type) {
        if (!type.namespaced() || IGNORED.contains(type.groupResource())
                || type.verbs().equals(ResourceType.CREATE_ONLY)) {
            // Cluster-scoped kinds cannot be in a namespace's quota; create-only kinds (reviews) are never stored.
            return Optional.empty();
        }
        return Optional.of(forGroupResource(type.groupResource()));
    }

    static UsageEvaluator forGroupResource(String groupResource) {
        return switch (groupResource) {
            case "pods" -> PODS;
            case "services" -> SERVICES;
            case "persistentvolumeclaims" -> CLAIMS;
            default -> new ObjectCountUsage(groupResource, LEGACY_COUNTS.get(groupResource));
        };
    }

    /** The stored kind a quota resource name ({@code pods}, {@code limits.cpu}, {@code count/deployments.apps}) counts. */
    public Optional<ResourceType> typeCounting(String quotaResource) {
        String groupResource;
        if (quotaResource.startsWith("count/")) {
            groupResource = quotaResource.substring("count/".length());
        } else if (!PODS.matchingResources(Set.of(quotaResource)).isEmpty()) {
            groupResource = "pods";
        } else if (!SERVICES.matchingResources(Set.of(quotaResource)).isEmpty()) {
            groupResource = "services";
        } else if (!CLAIMS.matchingResources(Set.of(quotaResource)).isEmpty()) {
            groupResource = "persistentvolumeclaims";
        } else if (LEGACY_COUNTS.containsKey(quotaResource)) {
            groupResource = quotaResource;
        } else {
            return Optional.empty();
        }
        int dot = groupResource.indexOf('.');
        String plural = dot < 0 ? groupResource : groupResource.substring(0, dot);
        String group = dot < 0 ? "" : groupResource.substring(dot + 1);
        return registry.all().stream()
                .filter(t -> t.group().equals(group) && t.plural().equals(plural) && t.namespaced())
                .findFirst();
    }
}
