package dev.j8s.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the pinned kubectl 1.32 (from the worktree's .tools) against a kubeconfig; processes die with the test. */
final class KubectlRunner {

    record Result(int exitCode, String out, String err) {}

    /** A kubectl still running: its output so far, and its process to stop. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final List<Thread> copiers = new ArrayList<>();

        Running(Process process) {
            this.process = process;
            copiers.add(copy(process.getInputStream(), out));
            copiers.add(copy(process.getErrorStream(), err));
        }

        String out() {
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        Result await(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError("kubectl did not finish in " + seconds + " s: " + out() + err());
            }
            for (Thread copier : copiers) {
                copier.join(TimeUnit.SECONDS.toMillis(10));
            }
            return new Result(process.exitValue(), out(), err());
        }

        private static Thread copy(InputStream in, ByteArrayOutputStream to) {
            return Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        synchronized (to) {
                            to.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // process gone
                }
            });
        }

        @Override
        public void close() {
            // Stopped by PID: only this kubectl (and anything it started).
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private final Path binary;
    private final Path kubeconfig;

    KubectlRunner(Path kubeconfig) {
        this.binary = pinned();
        this.kubeconfig = kubeconfig;
    }

    Path binary() {
        return binary;
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    static Path pinned() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".tools/kubectl-v32/kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("kubectl 1.32 not found in .tools/: run scripts/install-tools.sh");
    }

    Running start(String stdin, String... args) throws IOException {
        return startWithEnv(java.util.Map.of(), stdin, args);
    }

    Running startWithEnv(java.util.Map<String, String> env, String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig));
        cmd.addAll(List.of(args));
        return startCommand(cmd, env, stdin);
    }

    static Running startCommand(List<String> cmd, String stdin) throws IOException {
        return startCommand(cmd, java.util.Map.of(), stdin);
    }

    private static Running startCommand(List<String> cmd, java.util.Map<String, String> env, String stdin)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(cmd);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        return new Running(process);
    }

    Result run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) throws Exception {
        try (Running running = start(stdin, args)) {
            return running.await(60);
        }
    }
}
