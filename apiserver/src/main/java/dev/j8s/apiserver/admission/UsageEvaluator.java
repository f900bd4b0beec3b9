package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * How quota measures one kind of object ({@code quota.Evaluator} in Kubernetes): which quota
 * resource names it answers for, what one object uses, and which quota scopes an object falls in.
 */
public interface UsageEvaluator {

    /** The tracked resource as {@code resource[.group]}: {@code pods}, {@code deployments.apps}. */
    String groupResource();

    /** MatchingResources: the names among {@code names} this evaluator measures. */
    Set<String> matchingResources(Collection<String> names);

    /** What one object uses, at {@code now} (pods stop counting once terminal or past their grace period). */
    ResourceList usage(JsonNode object, Instant now);

    /**
     * Whether the object falls in a scope selector requirement ({@code scopeName}, {@code operator},
     * {@code values}). Only pods have scopes: a scoped quota matches no other kind.
     */
    default boolean matchesScope(JsonNode requirement, JsonNode object) {
        return false;
    }

    /** Constraints: what the object must specify for a quota that limits {@code required} ("must specify ..."). */
    default Optional<String> constraints(Set<String> required, JsonNode object) {
        return Optional.empty();
    }

    /** Whether usage is known without reading the object (plain object counts). */
    default boolean countsOnly() {
        return false;
    }

    /** Whether an update from {@code before} to {@code after} can change what quotas record. */
    default boolean changesUsage(JsonNode before, JsonNode after, Instant now) {
        return !usage(before, now).sameAs(usage(after, now));
    }

    /** {@code count/<resource>[.<group>]}: the object count name of a group-resource. */
    static String countName(String groupResource) {
        return "count/" + groupResource;
    }
}
