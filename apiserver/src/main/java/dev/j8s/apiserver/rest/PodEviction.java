package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.api.selector.LabelSelector;
import java.util.List;

/**
 * The {@code pods/eviction} subresource ({@code kubectl drain}, the descheduler): deletes a pod
 * unless that would break its PodDisruptionBudget. The budget's {@code status.disruptionsAllowed}
 * is checked and decremented by compare-and-swap before the pod is deleted with the eviction's
 * DeleteOptions, following Kubernetes' EvictionREST.
 */
final class PodEviction {

    private static final int ATTEMPTS = 5;
    /** Kubernetes' MaxDisruptedPodSize: evictions the disruption controller has not confirmed yet. */
    private static final int MAX_DISRUPTED_PODS = 2000;
    private static final String VIOLATES_BUDGET =
            "Cannot evict pod as it would violate the pod's disruption budget.";

    private final ObjectStore objects;
    private final ObjectDeleter deleter;
    private final ObjectMetaPreparer meta;
    private final ResourceType budgets;

    PodEviction(ObjectStore objects, ObjectDeleter deleter, ObjectMetaPreparer meta, ResourceRegistry registry) {
        this.objects = objects;
        this.deleter = deleter;
        this.meta = meta;
        this.budgets = registry.byResource("policy", "v1", "poddisruptionbudgets").orElseThrow();
    }

    ObjectNode evict(ResourceType pods, String namespace, String name, ObjectNode eviction, boolean dryRun) {
        checkTypeMeta(eviction);
        if (!name.equals(Objects.name(eviction))) {
            throw ApiException.badRequest("name in URL does not match name in Eviction object");
        }
        ObjectNode options = eviction.path("deleteOptions").isObject()
                ? ((ObjectNode) eviction.get("deleteOptions")).deepCopy() : Json.object();
        ObjectNode pod = objects.require(pods, namespace, name);
        if (!ignoresBudgets(pod)) {
            List<ObjectNode> matching = matchingBudgets(pod);
            if (matching.size() > 1) {
                throw new ApiException(500, "InternalError",
                        "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
            }
            if (matching.size() == 1 && !mayEvictUnhealthy(pod, matching.get(0))) {
                decrement(matching.get(0), name, dryRun);
            }
            if (!dryRun) {
                markDisruptionTarget(pods, pod);
            }
        }
        deleter.delete(pods, namespace, name, options, dryRun);
        return PodBinding.success();
    }

    /** Pods that have finished, never started, or are already going away do not count against a budget. */
    private static boolean ignoresBudgets(ObjectNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending")
                || Objects.isDeleting(pod);
    }

    /** Budgets of the pod's namespace whose (non-empty) selector matches its labels. */
    private List<ObjectNode> matchingBudgets(ObjectNode pod) {
        var labels = Objects.labels(pod);
        if (labels.isEmpty()) {
            return List.of();
        }
        return budgetsIn(Objects.namespace(pod)).stream()
                .filter(pdb -> {
                    JsonNode selector = pdb.path("spec").path("selector");
                    if (!selector.isObject()) {
                        return false;
                    }
                    LabelSelector parsed = LabelSelector.fromLabelSelectorJson(selector);
                    return !parsed.isEmpty() && parsed.matches(labels);
                })
                .toList();
    }

    private List<ObjectNode> budgetsIn(String namespace) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        String prefix = ObjectStore.listPrefix(budgets, namespace);
        String after = null;
        while (true) {
            dev.j8s.store.ListResult page = objects.list(prefix, after, 500);
            for (dev.j8s.store.KeyValue kv : page.items()) {
                out.add(ObjectStore.decode(kv));
                after = kv.key();
            }
            if (!page.hasMore()) {
                return out;
            }
        }
    }

    /**
     * An unready pod does not protect availability: with {@code unhealthyPodEvictionPolicy: AlwaysAllow}
     * it may always go, and by default (IfHealthyBudget) when the budget is already met.
     */
    private static boolean mayEvictUnhealthy(ObjectNode pod, ObjectNode pdb) {
        if (isReady(pod)) {
            return false;
        }
        if ("AlwaysAllow".equals(pdb.path("spec").path("unhealthyPodEvictionPolicy").asText(""))) {
            return true;
        }
        JsonNode status = pdb.path("status");
        long desired = status.path("desiredHealthy").asLong(0);
        return desired > 0 && status.path("currentHealthy").asLong(0) >= desired;
    }

    private static boolean isReady(ObjectNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** Kubernetes' checkAndDecrement, retried on write conflicts with a fresh read of the budget. */
    private void decrement(ObjectNode first, String podName, boolean dryRun) {
        ObjectNode pdb = first;
        for (int attempt = 1; ; attempt++) {
            ObjectNode updated = checked(pdb, podName);
            if (dryRun) {
                return;
            }
            try {
                objects.update(budgets, updated, Objects.resourceVersion(pdb));
                return;
            } catch (ApiException e) {
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e.code() == 409 ? new ApiException(504, "Timeout", "couldn't update PodDisruptionBudget \""
                            + Objects.name(pdb) + "\" due to conflicts", null, null, null, List.of(), 10) : e;
                }
                pdb = objects.require(budgets, Objects.namespace(pdb), Objects.name(pdb));
            }
        }
    }

    private ObjectNode checked(ObjectNode pdb, String podName) {
        String name = Objects.name(pdb);
        JsonNode status = pdb.path("status");
        if (status.path("observedGeneration").asLong(0) < pdb.path("metadata").path("generation").asLong(0)) {
            throw budgetRefusal("The disruption budget " + name + " is still being processed by the server.", 10);
        }
        long allowed = status.path("disruptionsAllowed").asLong(0);
        if (allowed < 0) {
            throw ApiException.forbidden("poddisruptionbudgets.policy \"" + name
                    + "\" is forbidden: pdb disruptions allowed is negative");
        }
        if (status.path("disruptedPods").size() > MAX_DISRUPTED_PODS) {
            throw ApiException.forbidden("poddisruptionbudgets.policy \"" + name + "\" is forbidden: DisruptedPods "
                    + "map too big - too many evictions not confirmed by PDB controller");
        }
        if (allowed == 0) {
            throw budgetRefusal("The disruption budget " + name + " needs " + status.path("desiredHealthy").asLong(0)
                    + " healthy pods and has " + status.path("currentHealthy").asLong(0) + " currently", null);
        }
        ObjectNode updated = pdb.deepCopy();
        ObjectNode newStatus = updated.with("status");
        newStatus.put("disruptionsAllowed", allowed - 1);
        // Tells the disruption controller this pod is about to go, so it is not counted healthy meanwhile.
        newStatus.with("disruptedPods").put(podName, meta.now());
        return updated;
    }

    /** 429 with the DisruptionBudget cause, as Kubernetes refuses an eviction the budget forbids. */
    private static ApiException budgetRefusal(String cause, Integer retryAfter) {
        return new ApiException(429, "TooManyRequests", VIOLATES_BUDGET, null, null, null,
                List.of(new StatusCause("DisruptionBudget", cause, null)), retryAfter);
    }

    /** The DisruptionTarget condition tells the pod's workload why the pod is going away. */
    private void markDisruptionTarget(ResourceType pods, ObjectNode first) {
        ObjectNode pod = first;
        for (int attempt = 1; ; attempt++) {
            ObjectNode marked = pod.deepCopy();
            PodConditions.set(marked, "DisruptionTarget", "True", "EvictionByEvictionAPI", "Eviction API: evicting",
                    meta.now());
            try {
                objects.update(pods, marked, Objects.resourceVersion(pod));
                return;
            } catch (ApiException e) {
                // The node agent wrote the pod's status meanwhile: mark the fresh state.
                if (e.code() != 409 || attempt >= ATTEMPTS) {
                    throw e;
                }
                pod = objects.require(pods, Objects.namespace(pod), Objects.name(pod));
            }
        }
    }

    private static void checkTypeMeta(ObjectNode eviction) {
        String apiVersion = eviction.path("apiVersion").asText("");
        String kind = eviction.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals("policy/v1") && !apiVersion.equals("policy/v1beta1")) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (policy/v1)");
        }
        if (!kind.isEmpty() && !kind.equals("Eviction")) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (Eviction)");
        }
    }
}
