package dev.j8s.agent.process;

import dev.j8s.agent.runtime.ExecResult;
import dev.j8s.agent.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with a timeout (exec probes and hooks); output goes through temp files, never blocking on pipes. */
final class ExecRunner {

    private ExecRunner() {}

    static ExecResult run(List<String> command, Map<String, String> env, Path workingDir, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("j8s-exec", ".out");
            err = Files.createTempFile("j8s-exec", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(Files.isDirectory(workingDir) ? workingDir.toFile() : null)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().put("PATH", ProcessRuntime.DEFAULT_PATH);
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new ExecResult(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done);
        } catch (IOException e) {
            // The command could not be run at all (not found): what a container runtime reports as exit 127.
            return new ExecResult(127, "", e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }
}
