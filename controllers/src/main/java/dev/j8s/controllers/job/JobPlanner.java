package dev.j8s.controllers.job;

import java.time.Duration;
import java.time.Instant;

/**
 * The Job controller's arithmetic for a NonIndexed Job (job_controller's manageJob and its
 * terminal-state checks): given the spec and the pods counted now, whether the Job has failed,
 * has met its success criteria, or how many pods to create or delete.
 */
public final class JobPlanner {

    /** Reasons and messages of the Job conditions, as Kubernetes 1.32 writes them. */
    public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    public static final String BACKOFF_LIMIT_MESSAGE = "Job has reached the specified backoff limit";
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    public static final String DEADLINE_MESSAGE = "Job was active longer than specified deadline";
    public static final String COMPLETIONS_REACHED = "CompletionsReached";
    public static final String COMPLETIONS_MESSAGE = "Reached expected number of succeeded pods";

    /**
     * @param completions           spec.completions; null means "until any pod succeeds"
     * @param restartsCount         container restarts of the Job's pods: with restartPolicy
     *                              OnFailure a failing container restarts in place and these
     *                              count toward backoffLimit; 0 with Never
     * @param activeDeadlineSeconds spec.activeDeadlineSeconds or null
     * @param startTime             status.startTime or null (not started, or suspended)
     */
    public record Input(Integer completions, int parallelism, int backoffLimit, Long activeDeadlineSeconds,
                        boolean suspend, int active, int succeeded, int failed, int restartsCount,
                        Instant startTime, Instant now) {}

    /** Where the Job stands after this sync. */
    public enum Outcome { RUNNING, SUSPENDED, SUCCEEDED, FAILED }

    /**
     * @param create        pods to create now
     * @param delete        active pods to delete now
     * @param reason        the FailureTarget/Failed or SuccessCriteriaMet/Complete reason
     * @param message       the condition's message
     * @param deadlineIn    time left until activeDeadlineSeconds, to look again then; null if none
     */
    public record Plan(Outcome outcome, int create, int delete, String reason, String message, Duration deadlineIn) {

        static Plan terminal(Outcome outcome, int active, String reason, String message) {
            // A finished Job leaves no pod running (SuccessCriteriaMet/FailureTarget delete the rest).
            return new Plan(outcome, 0, active, reason, message, null);
        }
    }

    private JobPlanner() {}

    public static Plan plan(Input in) {
        if (exceedsBackoffLimit(in)) {
            return Plan.terminal(Outcome.FAILED, in.active(), BACKOFF_LIMIT_EXCEEDED, BACKOFF_LIMIT_MESSAGE);
        }
        Duration deadlineIn = deadlineIn(in);
        if (deadlineIn != null && !deadlineIn.isPositive()) {
            return Plan.terminal(Outcome.FAILED, in.active(), DEADLINE_EXCEEDED, DEADLINE_MESSAGE);
        }
        if (succeeded(in)) {
            return Plan.terminal(Outcome.SUCCEEDED, in.active(), COMPLETIONS_REACHED, COMPLETIONS_MESSAGE);
        }
        if (in.suspend()) {
            return new Plan(Outcome.SUSPENDED, 0, in.active(), null, null, null);
        }
        int want = wantActive(in);
        int create = Math.max(0, want - in.active());
        int delete = Math.max(0, in.active() - want);
        return new Plan(Outcome.RUNNING, create, delete, null, null, deadlineIn);
    }

    /**
     * backoffLimit counts failed pods (failed &gt; limit fails the Job) and, for OnFailure pods,
     * container restarts (restarts &ge; limit, or any restart with limit 0: pastBackoffLimitOnFailure).
     */
    static boolean exceedsBackoffLimit(Input in) {
        if (in.failed() > in.backoffLimit()) {
            return true;
        }
        if (in.restartsCount() > 0) {
            return in.backoffLimit() == 0 || in.restartsCount() + in.failed() >= in.backoffLimit();
        }
        return false;
    }

    /** Time left before activeDeadlineSeconds (counted from status.startTime); null without one. */
    static Duration deadlineIn(Input in) {
        if (in.activeDeadlineSeconds() == null || in.startTime() == null || in.suspend()) {
            return null;
        }
        return Duration.between(in.now(), in.startTime().plusSeconds(in.activeDeadlineSeconds()));
    }

    /**
     * With completions, success is that many succeeded pods. Without, the first success means the
     * work is done: the Job completes once the other pods have finished too, and none are added.
     */
    static boolean succeeded(Input in) {
        if (in.completions() == null) {
            return in.succeeded() > 0 && in.active() == 0;
        }
        return in.succeeded() >= in.completions();
    }

    static int wantActive(Input in) {
        if (in.completions() == null) {
            return in.succeeded() > 0 ? Math.min(in.active(), in.parallelism()) : in.parallelism();
        }
        return Math.max(0, Math.min(in.completions() - in.succeeded(), in.parallelism()));
    }

    /**
     * The delay before replacing failed pods: 10 s doubling per failure, at most 6 min in
     * Kubernetes (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff); both configurable here.
     */
    public static Duration creationBackoff(int failures, Instant lastFailure, Instant now, Duration base, Duration max) {
        if (failures == 0 || lastFailure == null) {
            return Duration.ZERO;
        }
        Duration delay = base;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        Duration left = Duration.between(now, lastFailure.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
