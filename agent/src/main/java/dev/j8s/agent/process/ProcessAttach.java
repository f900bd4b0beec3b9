package dev.j8s.agent.process;

import dev.j8s.agent.runtime.ExecProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * An attach to a process container: its live output, teed from the files its log is copied from, and, when it was
 * started with stdin, the FIFO its stdin reads from. Closing detaches; the container keeps running.
 */
final class ProcessAttach implements ExecProcess {

    private final LogCopier.OutputListener output;
    private final java.util.Optional<ProcessHandle> container;
    private final boolean tty;
    private final OutputStream stdin;

    /**
     * @param container     the container's wrapper process (script(1) and the command run below it)
     * @param fifo          the container's stdin FIFO, or null when this session's input goes nowhere (no stdin asked
     *                      for, or the container has none: the kubelet's runtime drops it then, too)
     * @param onStdinClosed runs once this session's stdin ended (stdinOnce closes the container's stdin then)
     */
    ProcessAttach(LogCopier.OutputListener output, java.util.Optional<ProcessHandle> container, boolean tty, Path fifo,
                  Runnable onStdinClosed) {
        this.output = output;
        this.container = container;
        this.tty = tty;
        this.stdin = fifo == null ? OutputStream.nullOutputStream() : new FifoWriter(fifo, onStdinClosed);
        if (tty) {
            // A terminal merges both outputs into stdout (what script(1) writes); stderr holds nothing of the command.
            output.stderr.end();
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return output.stdout;
    }

    @Override
    public InputStream stderr() {
        return output.stderr;
    }

    @Override
    public void resize(int width, int height) {
        if (tty) {
            container.ifPresent(c -> ProcessExec.resizeTerminalBelow(c, width, height));
        }
    }

    /** 0 once the container's output ended or the client detached (the kubelet's attach ends with Success). */
    @Override
    public CompletableFuture<Integer> exitCode() {
        return output.ended;
    }

    @Override
    public void close() {
        output.close();
        try {
            stdin.close();
        } catch (IOException e) {
            // the container's stdin is gone already
        }
    }

    /**
     * Writes to the container's stdin FIFO. Opened read-write, which never blocks on a FIFO (a write-only open waits
     * for a reader, and a container that exited has none); writes wait while the container does not read.
     */
    private static final class FifoWriter extends OutputStream {
        private final Path fifo;
        private final Runnable onClosed;
        private volatile RandomAccessFile file;
        private volatile boolean closed;

        FifoWriter(Path fifo, Runnable onClosed) {
            this.fifo = fifo;
            this.onClosed = onClosed;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stdin is closed");
            }
            if (file == null) {
                file = new RandomAccessFile(fifo.toFile(), "rw");
            }
            file.write(b, off, len);
        }

        /** Never waits for a blocked write (it may run on an event loop when the client went away). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                RandomAccessFile f = file;
                if (f != null) {
                    f.close();
                }
            } finally {
                onClosed.run();
            }
        }
    }
}
