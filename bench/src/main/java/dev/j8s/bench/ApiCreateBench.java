package dev.j8s.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Create throughput and latency of a running j8s server at 1, 16 and 64 clients, printed side by
 * side with raw SQLite inserts on the same machine in the same run, plus the server's RSS.
 *
 * <p>Arguments: kubeconfig path, server pid, scratch directory for the raw SQLite file.
 */
public final class ApiCreateBench {

    private static final List<Integer> CLIENTS = List.of(1, 16, 64);
    private static final Duration TIME_PER_RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 15));
    private static final int MAX_OPS_PER_RUN = Integer.getInteger("bench.maxOps", 200_000);

    private ApiCreateBench() {}

    public static void main(String[] args) throws Exception {
        Path kubeconfig = Path.of(args[0]);
        long pid = Long.parseLong(args[1]);
        Path scratch = Path.of(args[2]);
        Files.createDirectories(scratch);

        long idleRss = rssKiB(pid);
        ApiCreateLoad api = new ApiCreateLoad(kubeconfig, "bench");
        api.createNamespace();
        api.run("warmup", 8, 2_000, Duration.ofSeconds(10));
        RawSqliteInserts raw = new RawSqliteInserts(scratch.resolve("raw.db"));
        raw.run("warmup", 1, 200, Duration.ofSeconds(5));

        System.out.println(Result.header() + "   ratio");
        for (int clients : CLIENTS) {
            Result j8s = api.run("c" + clients, clients, MAX_OPS_PER_RUN, TIME_PER_RUN);
            Result reference = raw.run("c" + clients, clients, MAX_OPS_PER_RUN, TIME_PER_RUN);
            System.out.println(j8s.row() + String.format("   %.2fx", j8s.perSecond() / reference.perSecond()));
            System.out.println(reference.row() + "   1.00x");
        }
        long loadedRss = rssKiB(pid);
        System.out.printf("j8s server RSS: idle %d MiB (target <= 200), after load %d MiB%n", idleRss / 1024,
                loadedRss / 1024);
    }

    static long rssKiB(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
