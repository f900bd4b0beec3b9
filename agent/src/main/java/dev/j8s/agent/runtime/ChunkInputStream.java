package dev.j8s.agent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * A blocking input stream fed chunk by chunk by a thread that must never block (an event loop reading a runtime's
 * SPDY stream, the log copier tailing a container's output). The feeder only appends; {@link #isFull()} tells it to
 * stop feeding until the reader caught up, and {@code onDrained} then runs on the reading thread.
 */
public final class ChunkInputStream extends InputStream {

    public static final int PAUSE_ABOVE = 256 * 1024;

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final Runnable onDrained;
    private byte[] current;
    private int position;
    private long buffered;
    private boolean ended;

    /** @param onDrained runs on the reading thread when a full buffer was read below the limit */
    public ChunkInputStream(Runnable onDrained) {
        this.onDrained = onDrained;
    }

    /** Event loop: more bytes arrived. */
    public synchronized void append(byte[] bytes) {
        if (ended || bytes.length == 0) {
            return;
        }
        chunks.add(bytes);
        buffered += bytes.length;
        notifyAll();
    }

    /** Event loop: no more bytes will come (stream finished, reset or connection closed). */
    public synchronized void end() {
        ended = true;
        notifyAll();
    }

    public synchronized boolean isFull() {
        return buffered > PAUSE_ABOVE;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        boolean drained;
        int n;
        synchronized (this) {
            while (current == null) {
                current = chunks.poll();
                position = 0;
                if (current != null) {
                    break;
                }
                if (ended) {
                    return -1;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while reading a runtime stream");
                }
            }
            n = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, n);
            position += n;
            if (position == current.length) {
                current = null;
            }
            boolean wasFull = buffered > PAUSE_ABOVE;
            buffered -= n;
            drained = wasFull && buffered <= PAUSE_ABOVE;
        }
        if (drained) {
            onDrained.run();
        }
        return n;
    }

    /** The reader gives up: what is buffered or still comes is dropped, and the connection may read again. */
    @Override
    public void close() {
        synchronized (this) {
            ended = true;
            chunks.clear();
            current = null;
            buffered = 0;
            notifyAll();
        }
        onDrained.run();
    }
}
