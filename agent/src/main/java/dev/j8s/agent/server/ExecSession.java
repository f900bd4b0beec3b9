package dev.j8s.agent.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * A running exec or attach: the process's standard streams, its terminal size hook and its exit code.
 * {@link #stderr()} is empty with a TTY (the terminal merges it into stdout).
 */
public interface ExecSession extends AutoCloseable {

    OutputStream stdin();

    InputStream stdout();

    InputStream stderr();

    /** The client's terminal changed size (columns, rows); ignored without a TTY. */
    void resize(int width, int height);

    CompletableFuture<Integer> exitCode();

    /** The client went away: release the streams (an exec'd process is stopped). */
    @Override
    void close();
}
