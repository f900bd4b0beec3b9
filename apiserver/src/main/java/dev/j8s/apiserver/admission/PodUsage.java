package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Pods (pkg/quota/v1/evaluator/core/pods.go): {@code count/pods} for every stored pod; the pod count
 * and the compute resources ({@code requests.cpu}, {@code limits.memory}, {@code cpu} = requests.cpu, ...)
 * only while the pod is not terminal (Succeeded/Failed) nor past its deletion grace period.
 */
public final class PodUsage implements UsageEvaluator {

    private static final Set<String> RESOURCES = Set.of("count/pods", "pods", "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage");

    /**
     * Quotas on these force every container to state them (a Kubernetes mistake kept for compatibility,
     * which it promises never to repeat for other resources).
     */
    private static final Set<String> MUST_SPECIFY = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
            "limits.cpu", "limits.memory");

    @Override
    public String groupResource() {
        return "pods";
    }

    @Override
    public Set<String> matchingResources(Collection<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (RESOURCES.contains(name) || name.startsWith("hugepages-") || name.startsWith("requests.hugepages-")
                    || isExtendedRequest(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Extended resources are quota'd only as {@code requests.<domain>/<name>} (they cannot be overcommitted). */
    private static boolean isExtendedRequest(String name) {
        return name.startsWith("requests.") && isExtended(name.substring("requests.".length()));
    }

    private static boolean isExtended(String resource) {
        int slash = resource.indexOf('/');
        return slash > 0 && !resource.startsWith("kubernetes.io/") && !resource.substring(0, slash).endsWith(".kubernetes.io")
                && !resource.startsWith("requests.");
    }

    @Override
    public ResourceList usage(JsonNode pod, Instant now) {
        ResourceList usage = ResourceList.EMPTY.with("count/pods", Amount.of(1));
        if (!counted(pod, now)) {
            return usage;
        }
        return usage.plus(compute(PodResources.requests(pod, true), PodResources.limits(pod, true)));
    }

    /** QuotaV1Pod: terminal pods and pods stuck past their deletion grace period are not charged. */
    static boolean counted(JsonNode pod, Instant now) {
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            return false;
        }
        JsonNode deletion = pod.path("metadata").get("deletionTimestamp");
        JsonNode grace = pod.path("metadata").get("deletionGracePeriodSeconds");
        if (deletion != null && deletion.isTextual() && grace != null && grace.canConvertToLong()) {
            Instant deadline = OffsetDateTime.parse(deletion.asText()).toInstant().plusSeconds(grace.asLong());
            return !now.isAfter(deadline);
        }
        return true;
    }

    /** podComputeUsageHelper: the quota names a set of requests and limits stand for. */
    static ResourceList compute(ResourceList requests, ResourceList limits) {
        Map<String, Amount> out = new TreeMap<>();
        out.put("pods", Amount.of(1));
        for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
            if (requests.has(resource)) {
                out.put(resource, requests.get(resource));
                out.put("requests." + resource, requests.get(resource));
            }
            if (limits.has(resource)) {
                out.put("limits." + resource, limits.get(resource));
            }
        }
        for (String resource : requests.names()) {
            if (resource.startsWith("hugepages-")) {
                out.put(resource, requests.get(resource));
                out.put("requests." + resource, requests.get(resource));
            } else if (isExtended(resource)) {
                out.put("requests." + resource, requests.get(resource));
            }
        }
        return ResourceList.of(out);
    }

    /** Constraints: each container must state what a quota on cpu or memory counts ("must specify ..."). */
    @Override
    public Optional<String> constraints(Set<String> required, JsonNode pod) {
        Set<String> enforced = new TreeSet<>(required);
        enforced.retainAll(MUST_SPECIFY);
        if (enforced.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, Set<String>> missing = new TreeMap<>();
        for (JsonNode c : PodResources.allContainers(pod)) {
            Set<String> has = compute(ResourceList.fromJson(c.path("resources").path("requests")),
                    ResourceList.fromJson(c.path("resources").path("limits"))).names();
            for (String resource : enforced) {
                if (!has.contains(resource)) {
                    missing.computeIfAbsent(resource, k -> new TreeSet<>()).add(c.path("name").asText());
                }
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("must specify " + missing.entrySet().stream()
                .map(e -> e.getKey() + " for: " + String.join(",", e.getValue()))
                .collect(Collectors.joining("; ")));
    }

    @Override
    public boolean matchesScope(JsonNode requirement, JsonNode pod) {
        return switch (requirement.path("scopeName").asText()) {
            case "Terminating" -> terminating(pod);
            case "NotTerminating" -> !terminating(pod);
            case "BestEffort" -> bestEffort(pod);
            case "NotBestEffort" -> !bestEffort(pod);
            case "PriorityClass" -> priorityClassMatches(requirement, pod.path("spec").path("priorityClassName").asText(""));
            case "CrossNamespacePodAffinity" -> crossNamespaceAffinity(pod);
            default -> false;
        };
    }

    @Override
    public boolean changesUsage(JsonNode before, JsonNode after, Instant now) {
        return UsageEvaluator.super.changesUsage(before, after, now) || terminating(before) != terminating(after);
    }

    /** A pod with an active deadline is "Terminating" for quota. */
    static boolean terminating(JsonNode pod) {
        JsonNode deadline = pod.path("spec").get("activeDeadlineSeconds");
        return deadline != null && deadline.canConvertToLong() && deadline.asLong() >= 0;
    }

    /** QoS class BestEffort: no container requests or limits any cpu or memory. */
    static boolean bestEffort(JsonNode pod) {
        for (JsonNode c : PodResources.allContainers(pod)) {
            for (String field : List.of("requests", "limits")) {
                ResourceList list = ResourceList.fromJson(c.path("resources").path(field));
                for (String resource : List.of("cpu", "memory")) {
                    if (list.has(resource) && list.get(resource).signum() > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean priorityClassMatches(JsonNode requirement, String priorityClass) {
        Set<String> values = new TreeSet<>();
        requirement.path("values").forEach(v -> values.add(v.asText()));
        return switch (requirement.path("operator").asText("Exists")) {
            case "Exists" -> !priorityClass.isEmpty();
            case "DoesNotExist" -> priorityClass.isEmpty();
            case "In" -> !priorityClass.isEmpty() && values.contains(priorityClass);
            case "NotIn" -> priorityClass.isEmpty() || !values.contains(priorityClass);
            default -> false;
        };
    }

    /** Pod (anti-)affinity terms that name other namespaces or select namespaces. */
    private static boolean crossNamespaceAffinity(JsonNode pod) {
        JsonNode affinity = pod.path("spec").path("affinity");
        for (String kind : List.of("podAffinity", "podAntiAffinity")) {
            JsonNode rules = affinity.path(kind);
            for (JsonNode term : rules.path("requiredDuringSchedulingIgnoredDuringExecution")) {
                if (crossNamespace(term)) {
                    return true;
                }
            }
            for (JsonNode weighted : rules.path("preferredDuringSchedulingIgnoredDuringExecution")) {
                if (crossNamespace(weighted.path("podAffinityTerm"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean crossNamespace(JsonNode term) {
        return !term.path("namespaces").isEmpty() || (term.has("namespaceSelector") && !term.get("namespaceSelector").isNull());
    }
}
