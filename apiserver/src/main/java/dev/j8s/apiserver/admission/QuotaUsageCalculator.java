package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.store.KeyValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a quota's {@code status.used} should say, measured from the store as the resource quota
 * controller does (CalculateUsageStats): every object of the counted kinds in the quota's
 * namespace that falls in the quota's scopes, its usage added up, for the names in {@code spec.hard}.
 */
public final class QuotaUsageCalculator {

    private final ObjectStore objects;
    private final UsageEvaluators evaluators;

    public QuotaUsageCalculator(ObjectStore objects, UsageEvaluators evaluators) {
        this.objects = objects;
        this.evaluators = evaluators;
    }

    public ResourceList usedBy(JsonNode quota, Instant now) {
        String namespace = quota.path("metadata").path("namespace").asText();
        ResourceList hard = ResourceList.fromJson(quota.path("spec").path("hard"));
        List<JsonNode> scopes = QuotaCheck.scopeSelectors(quota);
        Map<ResourceType, Set<String>> namesByType = new LinkedHashMap<>();
        ResourceList used = ResourceList.EMPTY;
        for (String name : hard.names()) {
            used = used.with(name, Amount.ZERO);
            evaluators.typeCounting(name).ifPresent(type ->
                    namesByType.computeIfAbsent(type, t -> new TreeSet<>()).add(name));
        }
        for (Map.Entry<ResourceType, Set<String>> e : namesByType.entrySet()) {
            used = used.plus(usage(e.getKey(), namespace, scopes, now).mask(e.getValue()));
        }
        return used;
    }

    private ResourceList usage(ResourceType type, String namespace, List<JsonNode> scopes, Instant now) {
        UsageEvaluator evaluator = UsageEvaluators.forGroupResource(type.groupResource());
        String prefix = ObjectStore.listPrefix(type, namespace);
        if (evaluator.countsOnly()) {
            // A scoped quota matches no object count; an unscoped one needs no object read.
            long count = scopes.isEmpty() ? objects.raw().count(prefix) : 0;
            ResourceList perObject = evaluator.usage(null, now);
            ResourceList total = ResourceList.EMPTY;
            for (String name : perObject.names()) {
                total = total.with(name, Amount.of(count));
            }
            return total;
        }
        ResourceList total = ResourceList.EMPTY;
        for (KeyValue kv : objects.list(prefix, null, 0).items()) {
            JsonNode object = ObjectStore.decode(kv);
            if (scopes.stream().allMatch(s -> evaluator.matchesScope(s, object))) {
                total = total.plus(evaluator.usage(object, now));
            }
        }
        return total;
    }
}
