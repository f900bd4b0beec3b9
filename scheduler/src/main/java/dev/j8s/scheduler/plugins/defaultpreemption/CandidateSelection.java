package dev.j8s.scheduler.plugins.defaultpreemption;

import dev.j8s.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Kubernetes' {@code pickOneNodeForPreemption} without PodDisruptionBudgets: each rule keeps the
 * candidates with the best value and the next rule breaks ties: the lowest highest-priority
 * victim, the lowest sum of priorities, the fewest victims, the most recently started victims;
 * then the first candidate.
 */
final class CandidateSelection {

    private CandidateSelection() {
    }

    static Candidate pick(List<Candidate> candidates) {
        List<ToLongFunction<Candidate>> rules = List.of(
                c -> -c.victims().get(0).priority(),
                c -> -c.victims().stream().mapToLong(v -> (long) v.priority() + Integer.MAX_VALUE + 1L).sum(),
                c -> -c.victims().size(),
                c -> c.victims().stream().mapToLong(CandidateSelection::startMillis).min().orElse(Long.MIN_VALUE));
        List<Candidate> remaining = candidates;
        for (ToLongFunction<Candidate> rule : rules) {
            List<Candidate> best = new ArrayList<>();
            long bestScore = Long.MIN_VALUE;
            for (Candidate candidate : remaining) {
                long score = rule.applyAsLong(candidate);
                if (score > bestScore) {
                    bestScore = score;
                    best.clear();
                }
                if (score == bestScore) {
                    best.add(candidate);
                }
            }
            if (best.size() == 1) {
                return best.get(0);
            }
            remaining = best;
        }
        return remaining.get(0);
    }

    /** {@code status.startTime}, else the creation time; epoch millis, or 0 when neither is known. */
    static long startMillis(PodInfo pod) {
        String time = pod.pod().getStatus() != null && pod.pod().getStatus().getStartTime() != null
                ? pod.pod().getStatus().getStartTime() : pod.pod().getMetadata().getCreationTimestamp();
        if (time == null) {
            return 0;
        }
        try {
            return java.time.Instant.parse(time).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }
}
