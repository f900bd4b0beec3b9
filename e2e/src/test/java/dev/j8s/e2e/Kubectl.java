package dev.j8s.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against a j8s kubeconfig. */
final class Kubectl {

    /** One finished kubectl run. */
    record Result(int exitCode, String out, String err) {
        Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("kubectl failed (" + exitCode + "):\n" + err + "\n" + out);
            }
            return this;
        }

        Result assertFails() {
            if (exitCode == 0) {
                throw new AssertionError("kubectl unexpectedly succeeded:\n" + out);
            }
            return this;
        }
    }

    private final Path binary;
    private final Path kubeconfig;
    private final Map<String, String> env;

    Kubectl(Path binary, Path kubeconfig) {
        this(binary, kubeconfig, Map.of());
    }

    private Kubectl(Path binary, Path kubeconfig, Map<String, String> env) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.env = env;
    }

    /** The pinned kubectl 1.32 installed by scripts/install-tools.sh, or J8S_KUBECTL. */
    static Path pinned() {
        String configured = System.getenv("J8S_KUBECTL");
        Path path = configured != null ? Path.of(configured) : J8sProcess.ROOT.resolve(".tools/kubectl-v32/kubectl");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("kubectl not found at " + path + ": run scripts/install-tools.sh");
        }
        return path;
    }

    /** The machine's /usr/bin/kubectl (a dispatcher choosing its version from the server's /version). */
    static Path installed() {
        return Path.of("/usr/bin/kubectl");
    }

    Kubectl withEnv(String name, String value) {
        Map<String, String> e = new java.util.HashMap<>(env);
        e.put(name, value);
        return new Kubectl(binary, kubeconfig, e);
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            pb.environment().put("KUBECACHEDIR", kubeconfig.getParent().resolve("kube-cache").toString());
            Process p = pb.start();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl timed out: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The command line that runs kubectl with {@code args} (for a shell, e.g. under script(1)); env not included. */
    List<String> commandLine(String... args) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts kubectl without waiting (for {@code get -w}); the caller destroys it. */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("KUBECACHEDIR", kubeconfig.getParent().resolve("kube-cache").toString());
        return pb.start();
    }

    private static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
