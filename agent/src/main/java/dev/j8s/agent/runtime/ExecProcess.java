package dev.j8s.agent.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A command running in a container with its standard streams attached to the caller (CRI's Exec and
 * Attach, which the kubelet streams to kubectl). With a TTY, {@link #stderr()} is empty: the terminal
 * merges both outputs into {@link #stdout()}.
 */
public interface ExecProcess extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** The client's terminal changed size; ignored without a TTY. */
    void resize(int width, int height);

    CompletableFuture<Integer> exitCode();

    /**
     * The caller went away: an attach only detaches; an exec'd command is stopped by the process runtime and, as
     * with the kubelet, left to finish by containerd (whose exec'd process loses its streams).
     */
    @Override
    void close();
}
