package dev.j8s.controllers.cronjob;

/**
 * What spec.concurrencyPolicy makes of a due firing while earlier Jobs still run.
 */
public enum ConcurrencyDecision {
    /** Create the Job (no active Jobs, or Allow). */
    START,
    /** Forbid with an active Job: skip this firing; lastScheduleTime is left so it runs once the active one ends. */
    SKIP,
    /** Replace: delete the active Jobs, then create the new one. */
    REPLACE;

    public static ConcurrencyDecision decide(String concurrencyPolicy, int activeJobs) {
        if (activeJobs == 0 || concurrencyPolicy == null || "Allow".equals(concurrencyPolicy)) {
            return START;
        }
        return "Forbid".equals(concurrencyPolicy) ? SKIP : REPLACE;
    }
}
