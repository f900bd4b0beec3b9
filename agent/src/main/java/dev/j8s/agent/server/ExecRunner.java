package dev.j8s.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.j8s.api.Json;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * One exec or attach, whatever carries it (WebSocket channels or SPDY streams): starts the session on a worker,
 * feeds stdin, copies stdout and stderr out with backpressure, and once both ended and the process exited sends
 * the closing Status through the transport.
 */
final class ExecRunner {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    /** Opens the session; may block. */
    @FunctionalInterface
    interface SessionStarter {
        ExecSession start(ExecRequest request) throws StreamException;
    }

    /** How the transport frames output and ends the connection. */
    interface Framing {
        Object output(int stream, byte[] bytes);

        void finish(Channel channel, byte[] status);
    }

    private final ExecRequest request;
    private final Channel channel;
    private final ExecutorService workers;
    private final Framing framing;
    private final CompletableFuture<ExecSession> session = new CompletableFuture<>();
    private final InputFeeder stdin;
    private int[] pendingSize;

    /** Created on the event loop, before the client can send stdin. */
    ExecRunner(ExecRequest request, Channel channel, ExecutorService workers, Framing framing) {
        this.request = request;
        this.channel = channel;
        this.workers = workers;
        this.framing = framing;
        this.stdin = request.stdin()
                ? new InputFeeder(channel, session.thenApply(ExecSession::stdin),
                        () -> session.thenAccept(s -> closeQuietly(s.stdin())), workers)
                : null;
    }

    void start(SessionStarter starter) {
        workers.execute(() -> run(starter));
    }

    void stdin(byte[] bytes) {
        if (stdin != null) {
            stdin.offer(bytes);
        }
    }

    /** The client closed stdin (v5 close signal, SPDY FIN) or went away. */
    void stdinDone() {
        if (stdin != null) {
            stdin.finish();
        }
    }

    /**
     * One or more {"Width":w,"Height":h} messages. kubectl sends the terminal's size as soon as the connection is
     * up, usually before the session started: the latest size waits for it.
     */
    void resize(byte[] json) {
        try (MappingIterator<JsonNode> sizes = Json.MAPPER.readerFor(JsonNode.class).readValues(json)) {
            while (sizes.hasNext()) {
                JsonNode size = sizes.next();
                resize(new int[] {size.path("Width").asInt(), size.path("Height").asInt()});
            }
        } catch (IOException | RuntimeException e) {
            // A malformed resize message is ignored, as the kubelet does.
        }
    }

    private void resize(int[] size) {
        ExecSession s;
        synchronized (this) {
            s = session.getNow(null);
            if (s == null) {
                pendingSize = size;
                return;
            }
        }
        s.resize(size[0], size[1]);
    }

    /** Applies the size that arrived before the session existed. */
    private void started(ExecSession s) {
        int[] size;
        synchronized (this) {
            session.complete(s);
            size = pendingSize;
            pendingSize = null;
        }
        if (size != null) {
            s.resize(size[0], size[1]);
        }
    }

    private void run(SessionStarter starter) {
        ExecSession s;
        try {
            s = starter.start(request);
        } catch (StreamException | RuntimeException e) {
            session.completeExceptionally(e);
            framing.finish(channel, ExecStatus.failed(e.getMessage()));
            return;
        }
        started(s);
        channel.closeFuture().addListener(f -> {
            stdinDone();
            s.close();
        });
        if (stdin == null) {
            closeQuietly(s.stdin());
        }
        CompletableFuture<Void> out = pump(s.stdout(), STDOUT, request.stdout());
        CompletableFuture<Void> err = pump(s.stderr(), STDERR, request.stderr() && !request.tty());
        CompletableFuture.allOf(out, err).join();
        byte[] status;
        try {
            status = ExecStatus.exited(s.exitCode().join());
        } catch (java.util.concurrent.CompletionException e) {
            status = ExecStatus.failed("error executing command: " + (e.getCause() == null ? e : e.getCause()).getMessage());
        } catch (RuntimeException e) {
            status = ExecStatus.failed("error executing command: " + e.getMessage());
        }
        framing.finish(channel, status);
    }

    private CompletableFuture<Void> pump(InputStream in, int stream, boolean wanted) {
        return CompletableFuture.runAsync(() -> OutputPump.copy(in,
                bytes -> framing.output(stream, bytes),
                // A stream the client did not ask for is still drained, so the process never blocks on it.
                message -> wanted ? ChannelWrites.writeAndWait(channel, message) : release(message)), workers);
    }

    private static boolean release(Object message) {
        ReferenceCountUtil.release(message);
        return true;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
