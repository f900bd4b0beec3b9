package dev.j8s.agent.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * exec and attach over a WebSocket with the {@code v5.channel.k8s.io} / {@code v4.channel.k8s.io}
 * subprotocols: every binary message starts with a channel byte — 0 stdin, 1 stdout, 2 stderr,
 * 3 the closing Status, 4 terminal resize ({"Width":w,"Height":h}) and, in v5 only, 255 "close stream"
 * whose payload names the stream the client finished (stdin), so the process sees EOF.
 */
final class ExecWebSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

    static final String V5 = "v5.channel.k8s.io";
    static final String V4 = "v4.channel.k8s.io";
    static final String SUBPROTOCOLS = V5 + "," + V4;

    private static final byte STDIN = 0;
    private static final byte STDOUT = 1;
    private static final byte STDERR = 2;
    private static final byte ERROR = 3;
    private static final byte RESIZE = 4;
    private static final byte CLOSE = (byte) 255;

    private final ExecRequest request;
    private final ExecutorService workers;
    private final CompletableFuture<ExecSession> session = new CompletableFuture<>();
    private InputFeeder stdin;
    private int lastChannel = -1;

    private ExecWebSocket(ExecRequest request, ExecutorService workers) {
        this.request = request;
        this.workers = workers;
    }

    /**
     * Completes the handshake (on the event loop) and starts the session on a worker.
     *
     * @param start opens the exec or attach session
     */
    static void open(Channel channel, FullHttpRequest upgrade, WebSocketServerHandshaker handshaker,
                     ExecRequest request, SessionStarter start, ExecutorService workers) {
        ExecWebSocket handler = new ExecWebSocket(request, workers);
        channel.config().setAutoRead(false);
        handshaker.handshake(channel, upgrade);
        channel.pipeline().addLast(handler);
        workers.execute(() -> handler.run(channel, start));
    }

    /** Opens the session; may block. */
    @FunctionalInterface
    interface SessionStarter {
        ExecSession start(ExecRequest request) throws StreamException;
    }

    private void run(Channel channel, SessionStarter start) {
        ExecSession s;
        try {
            s = start.start(request);
        } catch (StreamException | RuntimeException e) {
            finish(channel, ExecStatus.failed(e.getMessage()));
            return;
        }
        session.complete(s);
        channel.closeFuture().addListener(f -> s.close());
        CompletableFuture<java.io.OutputStream> stdinTarget = CompletableFuture.completedFuture(s.stdin());
        if (request.stdin()) {
            channel.eventLoop().execute(() -> stdin = new InputFeeder(channel, stdinTarget, () -> closeQuietly(s.stdin()),
                    workers));
        } else {
            closeQuietly(s.stdin());
        }
        channel.config().setAutoRead(true);
        CompletableFuture<Void> out = pump(channel, s.stdout(), STDOUT, request.stdout());
        CompletableFuture<Void> err = pump(channel, s.stderr(), STDERR, request.stderr() && !request.tty());
        CompletableFuture.allOf(out, err).join();
        byte[] status;
        try {
            status = ExecStatus.exited(s.exitCode().join());
        } catch (RuntimeException e) {
            status = ExecStatus.failed("error executing command: " + e.getMessage());
        }
        finish(channel, status);
    }

    private CompletableFuture<Void> pump(Channel channel, InputStream in, byte stream, boolean wanted) {
        return CompletableFuture.runAsync(() -> OutputPump.copy(in,
                bytes -> frame(stream, bytes),
                // A stream the client did not ask for is still drained, so the process never blocks on it.
                message -> wanted ? ChannelWrites.writeAndWait(channel, message) : release(message)), workers);
    }

    private static boolean release(Object message) {
        io.netty.util.ReferenceCountUtil.release(message);
        return true;
    }

    private static void finish(Channel channel, byte[] status) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(frame(ERROR, status));
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
    }

    private static BinaryWebSocketFrame frame(byte stream, byte[] bytes) {
        ByteBuf buf = Unpooled.buffer(bytes.length + 1);
        buf.writeByte(stream);
        buf.writeBytes(bytes);
        return new BinaryWebSocketFrame(buf);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ByteBuf content = frame.content();
        int channelId;
        if (frame instanceof ContinuationWebSocketFrame) {
            channelId = lastChannel;
        } else if (frame instanceof BinaryWebSocketFrame && content.isReadable()) {
            channelId = content.readUnsignedByte();
            lastChannel = channelId;
        } else {
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(content);
        switch (channelId) {
            case STDIN -> {
                if (stdin != null) {
                    stdin.offer(payload);
                }
            }
            case RESIZE -> resize(payload);
            case CLOSE & 0xff -> {
                if (payload.length > 0 && payload[0] == STDIN && stdin != null) {
                    stdin.finish();
                }
            }
            default -> { }
        }
    }

    private void resize(byte[] payload) {
        ExecSession s = session.getNow(null);
        if (s == null) {
            return;
        }
        try {
            JsonNode size = Json.parse(payload);
            s.resize(size.path("Width").asInt(), size.path("Height").asInt());
        } catch (IOException e) {
            // A malformed resize message is ignored, as the kubelet does.
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (stdin != null) {
            stdin.finish();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void closeQuietly(java.io.OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
