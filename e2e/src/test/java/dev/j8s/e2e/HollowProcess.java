package dev.j8s.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** A {@code j8s hollow} child process: N simulated nodes joining a j8s server, stopped by PID. */
final class HollowProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private HollowProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code nodes} hollow nodes named {@code prefix0..} and waits until kubectl sees them Ready. */
    static HollowProcess start(Path kubeconfig, Path logDir, String prefix, int nodes, Kubectl kubectl)
            throws Exception {
        return start(kubeconfig, logDir, prefix, nodes, kubectl, java.util.List.of());
    }

    /** The same, with extra {@code j8s hollow} options (e.g. {@code --metrics-interval}). */
    static HollowProcess start(Path kubeconfig, Path logDir, String prefix, int nodes, Kubectl kubectl,
                               java.util.List<String> extraArgs) throws Exception {
        Path log = logDir.resolve("hollow-" + prefix + "log");
        ProcessBuilder pb = new ProcessBuilder(J8sProcess.ROOT.resolve("j8s").toString(), "hollow",
                "--kubeconfig", kubeconfig.toString(), "--nodes", Integer.toString(nodes), "--name-prefix", prefix,
                "--lease-seconds", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.command().addAll(extraArgs);
        pb.environment().put("J8S_SKIP_BUILD", "1");
        HollowProcess hollow = new HollowProcess(pb.start(), log);
        try {
            await(nodes + " Ready hollow nodes " + prefix + "* (see " + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(300))
                    .failFast("j8s hollow exited, see " + log, () -> !hollow.process.isAlive())
                    .until(() -> readyNodes(kubectl, prefix) == nodes);
        } catch (RuntimeException | Error e) {
            hollow.close();
            throw e;
        }
        return hollow;
    }

    static long readyNodes(Kubectl kubectl, String prefix) {
        Kubectl.Result result = kubectl.run("get", "nodes", "--no-headers");
        if (result.exitCode() != 0) {
            return 0;
        }
        return Arrays.stream(result.out().split("\n"))
                .map(line -> line.trim().split("\\s+"))
                .filter(cols -> cols.length >= 2 && cols[0].startsWith(prefix) && cols[1].equals("Ready"))
                .count();
    }

    /** Stops the nodes as a crash would: the process is killed, its Leases stop being renewed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return "j8s hollow (log " + log + ")";
    }
}
