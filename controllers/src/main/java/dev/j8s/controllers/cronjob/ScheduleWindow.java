package dev.j8s.controllers.cronjob;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which scheduled time a CronJob should run now (cronjob's {@code mostRecentScheduleTime}): the
 * latest firing after the last scheduled one (or the creation time) that is not in the future,
 * how many firings were missed up to it, and when the schedule fires next.
 *
 * @param mostRecent the firing to start now, if any fell due
 * @param missed     how many firings fell due since the last scheduled one (capped once past {@link #TOO_MANY})
 * @param next       the first firing after now, if any
 */
public record ScheduleWindow(Optional<Instant> mostRecent, long missed, Optional<Instant> next) {

    /** More missed start times than this earns the TooManyMissedTimes warning (Kubernetes' 100). */
    public static final int TOO_MANY = 100;

    /** Searches at most this many firings step by step before jumping closer to now. */
    private static final int STEP_LIMIT = 10_000;

    public boolean tooManyMissed() {
        return missed > TOO_MANY;
    }

    /**
     * @param lastScheduleTime        status.lastScheduleTime, or null before the first run
     * @param creationTime            metadata.creationTimestamp
     * @param startingDeadlineSeconds spec.startingDeadlineSeconds, or null: firings older than
     *                                now minus the deadline are not even looked at
     */
    public static ScheduleWindow compute(CronSchedule schedule, Instant lastScheduleTime, Instant creationTime,
                                         Long startingDeadlineSeconds, Instant now) {
        Instant earliest = lastScheduleTime != null ? lastScheduleTime : creationTime;
        if (startingDeadlineSeconds != null) {
            Instant deadline = now.minusSeconds(startingDeadlineSeconds);
            if (deadline.isAfter(earliest)) {
                earliest = deadline;
            }
        }
        Instant mostRecent = null;
        long missed = 0;
        Optional<Instant> t = schedule.next(earliest);
        while (t.isPresent() && !t.get().isAfter(now)) {
            mostRecent = t.get();
            missed++;
            if (missed == STEP_LIMIT) {
                // Long outages of frequent schedules: the count no longer matters (it is far past
                // TOO_MANY), only the latest due firing does, so search again from close to now.
                return new ScheduleWindow(latestDue(schedule, mostRecent, now), missed, schedule.next(now));
            }
            t = schedule.next(t.get());
        }
        return new ScheduleWindow(Optional.ofNullable(mostRecent), missed, t);
    }

    private static Optional<Instant> latestDue(CronSchedule schedule, Instant known, Instant now) {
        for (Duration back : new Duration[] {Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(400)}) {
            Instant from = now.minus(back);
            if (from.isAfter(known)) {
                Instant latest = null;
                for (Optional<Instant> t = schedule.next(from); t.isPresent() && !t.get().isAfter(now);
                     t = schedule.next(t.get())) {
                    latest = t.get();
                }
                if (latest != null) {
                    return Optional.of(latest);
                }
            }
        }
        return Optional.of(known);
    }
}
