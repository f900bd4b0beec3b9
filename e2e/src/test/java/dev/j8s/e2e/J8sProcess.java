package dev.j8s.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code j8s server} process started through the {@code ./j8s} launcher on a data dir and
 * an ephemeral port, stopped by PID when the test is done (also if it fails).
 */
final class J8sProcess implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("j8s.root", "..")).toAbsolutePath().normalize();

    private final Path dataDir;
    /** The local node's name, or null for a control plane without a node ({@code --no-agent}). */
    private final String localNode;
    private final List<String> extraArgs;
    private Process process;

    private J8sProcess(Path dataDir, String localNode, List<String> extraArgs) {
        this.dataDir = dataDir;
        this.localNode = localNode;
        this.extraArgs = extraArgs;
    }

    static J8sProcess start(Path dataDir) throws IOException {
        return start(dataDir, List.of());
    }

    /** A server with extra {@code j8s server} options (e.g. a short HPA sync period). */
    static J8sProcess start(Path dataDir, List<String> extraArgs) throws IOException {
        J8sProcess p = new J8sProcess(dataDir, null, List.copyOf(extraArgs));
        p.launch();
        return p;
    }

    /**
     * A server with its local node (process runtime), reporting 127.0.0.1 as its address. Its service proxy
     * runs in userspace mode: tests that need no ClusterIP leave the host's nftables alone.
     */
    static J8sProcess startWithLocalNode(Path dataDir, String nodeName) throws IOException {
        return startWithLocalNode(dataDir, nodeName, List.of("--runtime", "process", "--proxy-mode", "userspace"));
    }

    /** A server with its local node on the runtime {@code nodeArgs} select (e.g. {@code --runtime cri}). */
    static J8sProcess startWithLocalNode(Path dataDir, String nodeName, List<String> nodeArgs) throws IOException {
        J8sProcess p = new J8sProcess(dataDir, nodeName, List.copyOf(nodeArgs));
        p.launch();
        return p;
    }

    Path dataDir() {
        return dataDir;
    }

    Path kubeconfig() {
        return dataDir.resolve("kubeconfig.yaml");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server gracefully (SIGTERM) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code kill -9}: no shutdown hooks, no flushing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same data dir after a {@link #kill()} or {@link #stop()}. */
    void relaunch() throws IOException {
        launch();
    }

    /** Starts the server again on the same data dir. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Servers still running when the test JVM exits (a failed or interrupted run) are stopped too. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "j8s-e2e-cleanup"));
    }

    private void launch() throws IOException {
        Files.createDirectories(dataDir);
        Files.deleteIfExists(kubeconfig());
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("j8s").toString(), "server",
                "--data-dir", dataDir.toString(), "--https-port", "0"));
        if (localNode == null) {
            cmd.add("--no-agent");
        } else {
            // Suites run several servers at once: each local node's agent API takes a free port.
            cmd.addAll(List.of("--node-name", localNode, "--node-ip", "127.0.0.1", "--agent-port", "0"));
        }
        if (extraArgs.stream().noneMatch(a -> a.startsWith("--ingress-"))) {
            // Suites run several servers at once: only a test that asks for the ingress gets one.
            cmd.add("--disable-ingress");
        }
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        pb.environment().put("J8S_SKIP_BUILD", "1");
        Process started = pb.start();
        process = started;
        RUNNING.add(started);
        started.onExit().thenRun(() -> RUNNING.remove(started));
        await("j8s server ready (see " + dataDir.resolve("server.log") + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .failFast("j8s server exited", () -> !process.isAlive())
                .until(() -> Files.exists(kubeconfig()));
    }

    String log() throws IOException {
        return Files.readString(dataDir.resolve("server.log"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
