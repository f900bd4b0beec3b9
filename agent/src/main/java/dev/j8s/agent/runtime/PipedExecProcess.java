package dev.j8s.agent.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An {@link ExecProcess} whose streams are the pipes of a host process (the process runtime's command, or
 * {@code ctr tasks exec} for containerd); subclasses decide how it is resized and stopped.
 */
public abstract class PipedExecProcess implements ExecProcess {

    protected final Process process;

    protected PipedExecProcess(Process process) {
        this.process = process;
    }

    /**
     * {@code argv} on a pseudo-terminal from {@code script(1)}, which runs it through {@code sh -c} and exits
     * with its status.
     */
    public static List<String> onTerminal(List<String> argv) {
        return List.of("script", "-qfec", argv.stream().map(PipedExecProcess::shellQuote)
                .collect(Collectors.joining(" ")), "/dev/null");
    }

    /** One POSIX shell word that stands for {@code s} as given. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }
}
