package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision of ResourceQuota admission for a new object (CheckRequest in
 * k8s.io/apiserver/pkg/admission/plugin/resourcequota), as a pure function: which quotas the
 * object falls under, whether it states what they require, and the usage each would have after it.
 * The limits are a quota's {@code status.hard}, what its last synchronisation saw in {@code spec.hard}.
 */
public final class QuotaCheck {

    /** The object is refused; {@link #getMessage()} is Kubernetes' reason, without the "is forbidden" prefix. */
    public static final class Denied extends RuntimeException {
        Denied(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What admitting the object adds to one quota: {@code requested} on top of the {@code used} it was checked against. */
    public record Charge(ObjectNode quota, ResourceList used, ResourceList requested) {
        public String quotaName() {
            return quota.path("metadata").path("name").asText();
        }

        public ResourceList newUsed() {
            return used.plus(requested);
        }
    }

    private QuotaCheck() {}

    /** The charges for creating {@code object}; empty when no quota limits anything it uses. */
    public static List<Charge> forCreate(List<ObjectNode> quotas, JsonNode object, UsageEvaluator evaluator,
                                         Instant now) {
        List<ObjectNode> interesting = new ArrayList<>();
        for (ObjectNode quota : quotas) {
            if (!matches(quota, object, evaluator)) {
                continue;
            }
            Set<String> restricted = evaluator.matchingResources(hard(quota).names());
            Optional<String> missing = evaluator.constraints(restricted, object);
            if (missing.isPresent()) {
                throw new Denied("failed quota: " + name(quota) + ": " + missing.get());
            }
            Set<String> unknown = new java.util.TreeSet<>(restricted);
            unknown.removeAll(used(quota).names());
            if (!unknown.isEmpty()) {
                throw new Denied("status unknown for quota: " + name(quota) + ", resources: "
                        + String.join(",", restricted));
            }
            interesting.add(quota);
        }
        if (interesting.isEmpty()) {
            return List.of();
        }
        ResourceList usage = evaluator.usage(object, now);
        List<String> negative = usage.names().stream().filter(n -> usage.get(n).signum() < 0).toList();
        if (!negative.isEmpty()) {
            throw new Denied("quota usage is negative for resource(s): " + String.join(",", negative));
        }
        ResourceList delta = usage.withoutZeros();
        List<Charge> charges = new ArrayList<>();
        for (ObjectNode quota : interesting) {
            ResourceList hard = hard(quota);
            ResourceList used = used(quota);
            ResourceList requested = delta.mask(hard.names());
            if (requested.isEmpty()) {
                continue;
            }
            Set<String> exceeded = used.plus(requested).mask(requested.names()).exceeding(hard);
            if (!exceeded.isEmpty()) {
                throw new Denied("exceeded quota: " + name(quota) + ", requested: " + requested.mask(exceeded)
                        + ", used: " + used.mask(exceeded) + ", limited: " + hard.mask(exceeded));
            }
            charges.add(new Charge(quota, used, requested));
        }
        return charges;
    }

    /** generic.Matches: the quota limits something the evaluator measures, and the object is in all its scopes. */
    static boolean matches(JsonNode quota, JsonNode object, UsageEvaluator evaluator) {
        if (evaluator.matchingResources(hard(quota).names()).isEmpty()) {
            return false;
        }
        for (JsonNode requirement : scopeSelectors(quota)) {
            if (!evaluator.matchesScope(requirement, object)) {
                return false;
            }
        }
        return true;
    }

    /** spec.scopes (each an Exists requirement) and spec.scopeSelector.matchExpressions. */
    static List<JsonNode> scopeSelectors(JsonNode quota) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode scope : quota.path("spec").path("scopes")) {
            out.add(dev.j8s.api.Json.object().put("scopeName", scope.asText()).put("operator", "Exists"));
        }
        quota.path("spec").path("scopeSelector").path("matchExpressions").forEach(out::add);
        return out;
    }

    static ResourceList hard(JsonNode quota) {
        return ResourceList.fromJson(quota.path("status").path("hard"));
    }

    static ResourceList used(JsonNode quota) {
        return ResourceList.fromJson(quota.path("status").path("used"));
    }

    private static String name(JsonNode quota) {
        return quota.path("metadata").path("name").asText();
    }
}
