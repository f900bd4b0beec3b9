package dev.j8s.controllers.cronjob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished Jobs of a CronJob to delete: beyond successfulJobsHistoryLimit succeeded ones
 * and failedJobsHistoryLimit failed ones, the oldest by start time go first
 * (cronjob's removeOldestJobs).
 */
public final class JobHistory {

    /** A finished Job as the pruning sees it; startTime falls back to the creation time. */
    public record FinishedJob(String name, boolean succeeded, Instant startTime) {}

    private JobHistory() {}

    /** Names to delete; a null limit keeps every Job of that kind. */
    public static List<String> toDelete(List<FinishedJob> finished, Integer successfulLimit, Integer failedLimit) {
        List<String> out = new ArrayList<>();
        out.addAll(oldestBeyond(finished.stream().filter(FinishedJob::succeeded).toList(), successfulLimit));
        out.addAll(oldestBeyond(finished.stream().filter(j -> !j.succeeded()).toList(), failedLimit));
        return out;
    }

    private static List<String> oldestBeyond(List<FinishedJob> jobs, Integer limit) {
        if (limit == null || jobs.size() <= limit) {
            return List.of();
        }
        return jobs.stream()
                .sorted(Comparator.comparing(FinishedJob::startTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(FinishedJob::name))
                .limit(jobs.size() - limit)
                .map(FinishedJob::name)
                .toList();
    }
}
