package dev.j8s.controllers.disruption;

import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status the disruption controller writes on a budget (disruption.go updatePdbStatus and
 * failSafe, pdb helpers UpdateDisruptionAllowedCondition and ConditionsAreUpToDate).
 */
final class BudgetStatus {

    static final String DISRUPTION_ALLOWED = "DisruptionAllowed";
    static final String SUFFICIENT_PODS = "SufficientPods";
    static final String INSUFFICIENT_PODS = "InsufficientPods";
    static final String SYNC_FAILED = "SyncFailed";

    /** What the controller counted for one budget. */
    record Counts(int currentHealthy, int desiredHealthy, int expectedPods, Map<String, String> disruptedPods) {

        /**
         * Never negative; and zero while no pods are expected, so a budget whose first pods appear
         * before the controller has seen them is not already open for evictions.
         */
        int disruptionsAllowed() {
            int allowed = currentHealthy - desiredHealthy;
            return expectedPods <= 0 || allowed <= 0 ? 0 : allowed;
        }
    }

    private BudgetStatus() {}

    /** The status {@code counts} imply, or empty when the budget already has it. */
    static Optional<PodDisruptionBudgetStatus> next(PodDisruptionBudget pdb, Counts counts, Instant now) {
        PodDisruptionBudgetStatus current = pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
        long generation = generation(pdb);
        if (intOf(current.getCurrentHealthy()) == counts.currentHealthy()
                && intOf(current.getDesiredHealthy()) == counts.desiredHealthy()
                && intOf(current.getExpectedPods()) == counts.expectedPods()
                && intOf(current.getDisruptionsAllowed()) == counts.disruptionsAllowed()
                && mapOf(current.getDisruptedPods()).equals(counts.disruptedPods())
                && conditionsUpToDate(current, generation)) {
            return Optional.empty();
        }
        PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatus();
        status.setCurrentHealthy(counts.currentHealthy());
        status.setDesiredHealthy(counts.desiredHealthy());
        status.setExpectedPods(counts.expectedPods());
        status.setDisruptionsAllowed(counts.disruptionsAllowed());
        status.setDisruptedPods(new LinkedHashMap<>(counts.disruptedPods()));
        status.setObservedGeneration(generation);
        boolean allowed = counts.disruptionsAllowed() > 0;
        status.setConditions(setCondition(copyOf(current.getConditions()), condition(allowed ? "True" : "False",
                allowed ? SUFFICIENT_PODS : INSUFFICIENT_PODS, "", generation), now));
        return Optional.of(status);
    }

    /**
     * failSafe: when the status cannot be computed no disruption is allowed, and the condition says
     * why; the rest of the status stays as it was.
     */
    static PodDisruptionBudgetStatus failSafe(PodDisruptionBudget pdb, String message, Instant now) {
        PodDisruptionBudgetStatus status = pdb.getStatus() == null ? new PodDisruptionBudgetStatus()
                : Copies.deepCopy(pdb.getStatus());
        status.setDisruptionsAllowed(0);
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        status.setConditions(setCondition(copyOf(status.getConditions()),
                condition("False", SYNC_FAILED, message, observed), now));
        return status;
    }

    /** The condition matches the counts and the generation is observed (ConditionsAreUpToDate). */
    private static boolean conditionsUpToDate(PodDisruptionBudgetStatus status, long generation) {
        if (status.getObservedGeneration() == null || status.getObservedGeneration() != generation) {
            return false;
        }
        Optional<Condition> condition = find(status.getConditions());
        if (condition.isEmpty()) {
            return false;
        }
        if (intOf(status.getDisruptionsAllowed()) > 0) {
            return "True".equals(condition.get().getStatus()) && SUFFICIENT_PODS.equals(condition.get().getReason());
        }
        return "False".equals(condition.get().getStatus()) && INSUFFICIENT_PODS.equals(condition.get().getReason());
    }

    private static Condition condition(String status, String reason, String message, long observedGeneration) {
        return new ConditionBuilder().withType(DISRUPTION_ALLOWED).withStatus(status).withReason(reason)
                .withMessage(message).withObservedGeneration(observedGeneration).build();
    }

    /**
     * meta.SetStatusCondition: the transition time moves only when the status changes; reason,
     * message and observedGeneration always take the new values.
     */
    static List<Condition> setCondition(List<Condition> conditions, Condition condition, Instant now) {
        Optional<Condition> existing = conditions.stream().filter(c -> condition.getType().equals(c.getType()))
                .findFirst();
        if (existing.isEmpty()) {
            condition.setLastTransitionTime(Timestamps.format(now));
            conditions.add(condition);
            return conditions;
        }
        Condition c = existing.get();
        if (!Objects.equals(c.getStatus(), condition.getStatus())) {
            c.setStatus(condition.getStatus());
            c.setLastTransitionTime(Timestamps.format(now));
        }
        c.setReason(condition.getReason());
        c.setMessage(condition.getMessage());
        c.setObservedGeneration(condition.getObservedGeneration());
        return conditions;
    }

    static Optional<Condition> find(List<Condition> conditions) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> DISRUPTION_ALLOWED.equals(c.getType())).findFirst();
    }

    private static List<Condition> copyOf(List<Condition> conditions) {
        List<Condition> out = new ArrayList<>();
        if (conditions != null) {
            conditions.forEach(c -> out.add(Copies.deepCopy(c)));
        }
        return out;
    }

    private static long generation(PodDisruptionBudget pdb) {
        return pdb.getMetadata().getGeneration() == null ? 0 : pdb.getMetadata().getGeneration();
    }

    private static int intOf(Integer value) {
        return value == null ? 0 : value;
    }

    private static Map<String, String> mapOf(Map<String, String> value) {
        return value == null ? Map.of() : value;
    }
}
