package dev.j8s.agent.process;

import dev.j8s.agent.runtime.PipedExecProcess;
import dev.j8s.agent.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A streaming exec of the process runtime: the command runs as a host process with the container's env and
 * working directory, inside the container's mount namespace when it has one ({@code nsenter --mount --wd},
 * so volumes are where the container sees them). A TTY is a pseudo-terminal from {@code script(1)}, which
 * exits with the command's status ({@code -e}); terminal resizes are applied to that pty with {@code stty}.
 */
final class ProcessExec extends PipedExecProcess {

    private ProcessExec(Process process) {
        super(process);
    }

    /**
     * @param namespacePid a process of the container whose mount namespace and working directory the command
     *                     joins, or 0 to run it in {@code workingDir} on the host
     */
    static ProcessExec start(List<String> command, boolean tty, Map<String, String> env, Path workingDir,
                             long namespacePid) {
        List<String> cmd = new ArrayList<>();
        if (namespacePid > 0) {
            cmd.addAll(List.of("nsenter", "--target", Long.toString(namespacePid), "--mount", "--wd", "--"));
        }
        cmd.addAll(command);
        if (tty) {
            cmd = onTerminal(cmd);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(namespacePid == 0 && Files.isDirectory(workingDir) ? workingDir.toFile() : null);
        pb.environment().clear();
        pb.environment().put("PATH", ProcessRuntime.DEFAULT_PATH);
        if (tty) {
            // script(1) runs the command with $SHELL -c; the container's own SHELL, if any, still wins below.
            pb.environment().put("SHELL", "/bin/sh");
        }
        pb.environment().putAll(env);
        try {
            return new ProcessExec(pb.start());
        } catch (IOException e) {
            throw new RuntimeFailure("failed to exec in container: " + e.getMessage(), e);
        }
    }

    @Override
    public void resize(int width, int height) {
        // The command is script's child: its standard input is the pty whose size the terminal reports.
        resizeTerminalBelow(process.toHandle(), width, height);
    }

    /** Resizes the pseudo-terminal that the first process below {@code root} reading from one has as stdin. */
    static void resizeTerminalBelow(ProcessHandle root, int width, int height) {
        if (width <= 0 || height <= 0) {
            return;
        }
        Optional<String> pty = root.descendants().map(ProcessExec::terminalOf).flatMap(Optional::stream).findFirst();
        pty.ifPresent(dev -> {
            try {
                new ProcessBuilder("stty", "-F", dev, "cols", Integer.toString(width), "rows", Integer.toString(height))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                        .waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                // No stty: the terminal keeps its size.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Optional<String> terminalOf(ProcessHandle child) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc", Long.toString(child.pid()), "fd", "0")).toString();
            return target.startsWith("/dev/pts/") ? Optional.of(target) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
