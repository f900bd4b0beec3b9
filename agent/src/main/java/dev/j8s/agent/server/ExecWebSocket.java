package dev.j8s.agent.server;

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

    private static final int STDIN = 0;
    private static final int ERROR = 3;
    private static final int RESIZE = 4;
    private static final int CLOSE = 255;

    private final ExecRunner runner;
    private int lastChannel = -1;

    private ExecWebSocket(ExecRunner runner) {
        this.runner = runner;
    }

    /** Completes the handshake (on the event loop) and starts the session on a worker. */
    static void open(Channel channel, FullHttpRequest upgrade, WebSocketServerHandshaker handshaker,
                     ExecRequest request, ExecRunner.SessionStarter start, ExecutorService workers) {
        ExecRunner runner = new ExecRunner(request, channel, workers, new ExecRunner.Framing() {
            @Override
            public Object output(int stream, byte[] bytes) {
                return frame(stream, bytes);
            }

            @Override
            public void finish(Channel ch, byte[] status) {
                if (ch.isActive()) {
                    ch.writeAndFlush(frame(ERROR, status));
                    ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
                }
            }
        });
        handshaker.handshake(channel, upgrade);
        channel.pipeline().addLast(new ExecWebSocket(runner));
        runner.start(start);
    }

    private static BinaryWebSocketFrame frame(int stream, byte[] bytes) {
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
            case STDIN -> runner.stdin(payload);
            case RESIZE -> runner.resize(payload);
            case CLOSE -> {
                if (payload.length > 0 && payload[0] == STDIN) {
                    runner.stdinDone();
                }
            }
            default -> { }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        runner.stdinDone();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
