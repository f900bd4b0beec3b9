package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The generic object count evaluator: one object is {@code count/<resource>[.<group>]=1}, and for
 * the kinds quota counted before {@code count/} existed also {@code configmaps=1}, {@code secrets=1}, ...
 */
public record ObjectCountUsage(String groupResource, String legacyName) implements UsageEvaluator {

    @Override
    public Set<String> matchingResources(Collection<String> names) {
        Set<String> out = new TreeSet<>();
        for (String name : names) {
            if (name.equals(UsageEvaluator.countName(groupResource)) || name.equals(legacyName)) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public ResourceList usage(JsonNode object, Instant now) {
        ResourceList one = ResourceList.EMPTY.with(UsageEvaluator.countName(groupResource), Amount.of(1));
        return legacyName == null ? one : one.with(legacyName, Amount.of(1));
    }

    @Override
    public boolean countsOnly() {
        return true;
    }
}
