package dev.j8s.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code j8s up}: the quick start. Starts {@code j8s server} in the background (unless one is
 * already running on the data dir), waits until it serves, and points kubectl at it.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Starts j8s in the background and writes a kubeconfig for kubectl.")
final class UpCommand implements Callable<Integer> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--https-port", defaultValue = "6443", description = "HTTPS port of the API (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--image-archive", paramLabel = "FILE",
            description = "Image archive imported into the node's containerd at start (repeatable); the ./j8s "
                    + "launcher passes the offline pause image when it runs as root.")
    List<Path> imageArchives = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir.resolve();
        Files.createDirectories(dir);
        PrintStream out = System.out;
        Optional<ProcessHandle> running = RunningServer.find(dir);
        if (running.isPresent()) {
            out.println("j8s is already running (pid " + running.get().pid() + ")");
        } else {
            Process process = start(dir);
            out.print("Starting j8s (pid " + process.pid() + ", log " + DataDir.logFile(dir) + ") ");
            out.flush();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!Files.exists(DataDir.kubeconfig(dir))) {
                if (!process.isAlive()) {
                    out.println();
                    System.err.println("j8s: the server exited with code " + process.exitValue() + "; see "
                            + DataDir.logFile(dir));
                    return 1;
                }
                if (Instant.now().isAfter(deadline)) {
                    out.println();
                    System.err.println("j8s: the server did not become ready within " + START_TIMEOUT.toSeconds()
                            + " s; see " + DataDir.logFile(dir));
                    return 1;
                }
                out.print(".");
                out.flush();
                process.waitFor(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            out.println(" ready");
        }
        pointKubectl(dir, out);
        return 0;
    }

    private Process start(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(UpCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        // The same JVM options as the ./j8s launcher (see there why the parallel collector).
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xss512k", "-Xms16m",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", jar, "server", "--data-dir", dir.toString(), "--https-port", Integer.toString(httpsPort)));
        for (Path archive : imageArchives) {
            cmd.addAll(List.of("--image-archive", archive.toAbsolutePath().toString()));
        }
        Files.deleteIfExists(DataDir.kubeconfig(dir));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DataDir.logFile(dir).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private static void pointKubectl(Path dir, PrintStream out) throws IOException {
        Path kubeconfig = DataDir.kubeconfig(dir);
        Path userConfig = Path.of(System.getProperty("user.home"), ".kube", "config");
        if (!Files.exists(userConfig)) {
            Files.createDirectories(userConfig.getParent());
            Files.copy(kubeconfig, userConfig);
            try {
                Files.setPosixFilePermissions(userConfig, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: nothing more to tighten.
            }
            out.println("Wrote " + userConfig + ": kubectl now talks to j8s.");
        } else if (Files.mismatch(userConfig, kubeconfig) == -1) {
            out.println("kubectl is configured (" + userConfig + ").");
        } else {
            out.println(userConfig + " exists and was left alone. To use j8s:");
            out.println("  export KUBECONFIG=" + kubeconfig);
        }
    }
}
