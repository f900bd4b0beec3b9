package dev.j8s.controllers.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Status conditions of one kind (DeploymentCondition, ReplicaSetCondition, …) kept the Kubernetes
 * way: one condition per type; setting one with the same status and reason keeps the old one
 * (its timestamps included); a status change is a transition, a reason change keeps the
 * lastTransitionTime.
 *
 * @param <C> the fabric8 condition class
 */
public final class Conditions<C> {

    private final Function<C, String> type;
    private final Function<C, String> status;
    private final Function<C, String> reason;
    private final Function<C, String> lastTransitionTime;
    private final BiConsumer<C, String> setLastTransitionTime;

    public Conditions(Function<C, String> type, Function<C, String> status, Function<C, String> reason,
                      Function<C, String> lastTransitionTime, BiConsumer<C, String> setLastTransitionTime) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.lastTransitionTime = lastTransitionTime;
        this.setLastTransitionTime = setLastTransitionTime;
    }

    public Optional<C> find(List<C> conditions, String conditionType) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> conditionType.equals(type.apply(c))).findFirst();
    }

    /** A new list with {@code condition} set (SetDeploymentCondition / SetCondition). */
    public List<C> set(List<C> conditions, C condition) {
        String conditionType = type.apply(condition);
        Optional<C> current = find(conditions, conditionType);
        if (current.isPresent() && Objects.equals(status.apply(current.get()), status.apply(condition))
                && Objects.equals(reason.apply(current.get()), reason.apply(condition))) {
            return conditions;
        }
        if (current.isPresent() && Objects.equals(status.apply(current.get()), status.apply(condition))) {
            setLastTransitionTime.accept(condition, lastTransitionTime.apply(current.get()));
        }
        List<C> out = remove(conditions, conditionType);
        out.add(condition);
        return out;
    }

    /** A new list without the condition of {@code conditionType}. */
    public List<C> remove(List<C> conditions, String conditionType) {
        List<C> out = new ArrayList<>(conditions == null ? List.of() : conditions);
        out.removeIf(c -> conditionType.equals(type.apply(c)));
        return out;
    }
}
