package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An immutable map of resource name to {@link Amount} (Kubernetes' {@code ResourceList}) with the
 * operations of {@code k8s.io/apiserver/pkg/quota/v1}: add, mask, less-than-or-equal and the
 * {@code name=value,...} printing of quota messages. Names are kept sorted.
 */
public final class ResourceList {

    public static final ResourceList EMPTY = new ResourceList(new TreeMap<>());

    private final SortedMap<String, Amount> amounts;

    private ResourceList(SortedMap<String, Amount> amounts) {
        this.amounts = Collections.unmodifiableSortedMap(amounts);
    }

    public static ResourceList of(Map<String, Amount> amounts) {
        return new ResourceList(new TreeMap<>(amounts));
    }

    /** Reads a JSON object of quantities; a value that is not a quantity is skipped (validation reports it). */
    public static ResourceList fromJson(JsonNode node) {
        TreeMap<String, Amount> amounts = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> {
                try {
                    amounts.put(e.getKey(), Amount.parse(e.getValue().asText()));
                } catch (RuntimeException ignored) {
                    // Not a quantity: object validation, not quota, rejects it.
                }
            });
        }
        return new ResourceList(amounts);
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        amounts.forEach((name, amount) -> out.put(name, amount.toString()));
        return out;
    }

    public Amount get(String name) {
        return amounts.get(name);
    }

    public boolean has(String name) {
        return amounts.containsKey(name);
    }

    public Set<String> names() {
        return amounts.keySet();
    }

    public boolean isEmpty() {
        return amounts.isEmpty();
    }

    public ResourceList with(String name, Amount amount) {
        TreeMap<String, Amount> copy = new TreeMap<>(amounts);
        copy.put(name, amount);
        return new ResourceList(copy);
    }

    /** quota.Add: names of either side; where both have one, the amounts add up. */
    public ResourceList plus(ResourceList other) {
        TreeMap<String, Amount> sum = new TreeMap<>(amounts);
        other.amounts.forEach((name, amount) -> sum.merge(name, amount, Amount::plus));
        return new ResourceList(sum);
    }

    /** quota.SubtractWithNonNegativeResult, restricted to the names of this list. */
    public ResourceList minusFloorZero(ResourceList other) {
        TreeMap<String, Amount> out = new TreeMap<>();
        amounts.forEach((name, amount) -> {
            Amount taken = other.amounts.get(name);
            Amount left = taken == null ? amount : amount.minus(taken);
            out.put(name, left.signum() < 0 ? new Amount(java.math.BigDecimal.ZERO, amount.format()) : left);
        });
        return new ResourceList(out);
    }

    /** quota.Mask: only the given names. */
    public ResourceList mask(Collection<String> names) {
        TreeMap<String, Amount> out = new TreeMap<>();
        amounts.forEach((name, amount) -> {
            if (names.contains(name)) {
                out.put(name, amount);
            }
        });
        return new ResourceList(out);
    }

    public ResourceList withoutZeros() {
        TreeMap<String, Amount> out = new TreeMap<>();
        amounts.forEach((name, amount) -> {
            if (!amount.isZero()) {
                out.put(name, amount);
            }
        });
        return new ResourceList(out);
    }

    /** quota.LessThanOrEqual: the names of this list above their limit in {@code limits} (absent = unlimited). */
    public Set<String> exceeding(ResourceList limits) {
        return amounts.entrySet().stream()
                .filter(e -> limits.has(e.getKey()) && e.getValue().compareTo(limits.get(e.getKey())) > 0)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** quota.Equals: the same names with equal amounts (formats aside). */
    public boolean sameAs(ResourceList other) {
        if (!amounts.keySet().equals(other.amounts.keySet())) {
            return false;
        }
        return amounts.entrySet().stream().allMatch(e -> e.getValue().compareTo(other.amounts.get(e.getKey())) == 0);
    }

    /** The quota admission's prettyPrint: {@code limits.cpu=2,pods=1}. */
    @Override
    public String toString() {
        return amounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
