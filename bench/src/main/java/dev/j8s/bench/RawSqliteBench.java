package dev.j8s.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The reference run of {@code bench/api-create.sh}: raw SQLite inserts through the same JDBC
 * driver j8s uses, at a given concurrency. Prints one line: ops/s p50-ms p99-ms errors.
 *
 * <p>Arguments: database file, threads, seconds.
 */
public final class RawSqliteBench {

    private RawSqliteBench() {}

    public static void main(String[] args) throws Exception {
        RawSqliteInserts raw = new RawSqliteInserts(Path.of(args[0]));
        int threads = Integer.parseInt(args[1]);
        Duration time = Duration.ofSeconds(Long.parseLong(args[2]));
        raw.run("warmup-" + threads, threads, 500, Duration.ofSeconds(3));
        Result r = raw.run("c" + threads, threads, Integer.MAX_VALUE, time);
        System.out.printf("%.0f %.2f %.2f %d%n", r.perSecond(), r.p50(), r.p99(), r.errors());
    }
}
