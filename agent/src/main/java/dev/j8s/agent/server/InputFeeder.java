package dev.j8s.agent.server;

import io.netty.channel.Channel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds what the client sends (stdin, forwarded bytes) into a blocking output stream on a worker thread.
 * The event loop only enqueues; when too much is queued it stops reading the connection (autoRead off)
 * until the worker caught up, so a slow process slows the client down instead of filling memory.
 */
final class InputFeeder {

    private static final long PAUSE_ABOVE = 256 * 1024;
    private static final long RESUME_BELOW = 64 * 1024;
    private static final byte[] EOF = new byte[0];

    private final Channel channel;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param target the stream to feed, once it exists (a connection may still be dialling)
     * @param onEof runs after the client half-closed its side and everything before it was written
     */
    InputFeeder(Channel channel, CompletableFuture<? extends OutputStream> target, Runnable onEof,
                ExecutorService workers) {
        this.channel = channel;
        workers.execute(() -> drain(target, onEof));
    }

    /** Called on the event loop with a copy of what arrived. */
    void offer(byte[] bytes) {
        if (closed || bytes.length == 0) {
            return;
        }
        queue.add(bytes);
        if (queued.addAndGet(bytes.length) > PAUSE_ABOVE) {
            channel.config().setAutoRead(false);
            // The drain may have emptied the queue between the count and the pause, having seen reading still on:
            // nobody would turn it back on.
            if (queued.get() < RESUME_BELOW) {
                channel.config().setAutoRead(true);
            }
        }
    }

    /** The client will send no more. */
    void finish() {
        if (!closed) {
            closed = true;
            queue.add(EOF);
        }
    }

    private void drain(CompletableFuture<? extends OutputStream> target, Runnable onEof) {
        OutputStream out;
        try {
            out = target.join();
        } catch (RuntimeException e) {
            return;
        }
        try {
            while (true) {
                byte[] next = queue.take();
                if (next == EOF) {
                    onEof.run();
                    return;
                }
                out.write(next);
                out.flush();
                if (queued.addAndGet(-next.length) < RESUME_BELOW && !channel.config().isAutoRead()) {
                    channel.config().setAutoRead(true);
                }
            }
        } catch (IOException e) {
            // The process or connection no longer reads: drop the rest and let the client read again.
            channel.config().setAutoRead(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
