package dev.j8s.agent.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * An interactive process started in a container ({@link ContainerRuntime#exec}): its standard streams
 * (stderr empty with a TTY, which merges it into stdout), terminal resizes, and its exit code.
 */
public interface ContainerProcess extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** The client's terminal changed size; runtimes that cannot resize ignore it. */
    void resize(int width, int height);

    CompletableFuture<Integer> exitCode();

    /** Stops the process if it still runs and releases its streams. */
    @Override
    void close();
}
