package dev.j8s.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed response over a WebSocket, for clients that ask to upgrade a watch (fabric8, client-go's
 * websocket watch): kube-apiserver then sends each watch event as one text message instead of a
 * newline-delimited chunk, and ends the watch with a close frame.
 */
final class WebSocketStream implements Responder.ResponseStream {

    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

    private final Channel channel;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();

    private WebSocketStream(Channel channel) {
        this.channel = channel;
        channel.closeFuture().addListener(f -> runCloseActions());
    }

    /** Whether a request asks for a WebSocket (an HTTP/1.1 GET with {@code Upgrade: websocket}). */
    static boolean isUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
                && request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /** Answers the upgrade (101) and returns the stream; an unsupported WebSocket version gets a 426. */
    static Responder.ResponseStream open(Channel channel, FullHttpRequest upgrade) {
        String url = "wss://" + upgrade.headers().get(HttpHeaderNames.HOST, "localhost") + upgrade.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, null, false, MAX_FRAME_BYTES).newHandshaker(upgrade);
        WebSocketStream stream = new WebSocketStream(channel);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            stream.ended.set(true);
            return stream;
        }
        try {
            handshaker.handshake(channel, upgrade).sync();
        } catch (WebSocketHandshakeException e) {
            // A malformed upgrade (no key, ...) is a 400, as Go's websocket server answers it.
            FullHttpResponse bad = new DefaultFullHttpResponse(upgrade.protocolVersion(),
                    HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer(e.getMessage(), StandardCharsets.UTF_8));
            bad.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            HttpUtil.setContentLength(bad, bad.content().readableBytes());
            channel.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
            stream.ended.set(true);
            return stream;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            stream.ended.set(true);
            return stream;
        }
        channel.pipeline().addLast(new ClientFrames());
        return stream;
    }

    @Override
    public boolean write(byte[] chunk) {
        if (!isOpen()) {
            return false;
        }
        if (channel.unsafe().outboundBuffer() != null
                && channel.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_PENDING_BYTES) {
            // Same rule as a chunked watch: a client that stops reading is cut off, not buffered for.
            channel.close();
            return false;
        }
        int length = chunk.length > 0 && chunk[chunk.length - 1] == '\n' ? chunk.length - 1 : chunk.length;
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(chunk, 0, length)));
        return true;
    }

    @Override
    public void end() {
        if (ended.compareAndSet(false, true) && channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
        runCloseActions();
    }

    @Override
    public void onClose(Runnable action) {
        closeActions.add(action);
        if (closed.get()) {
            action.run();
        }
    }

    @Override
    public boolean isOpen() {
        return !ended.get() && channel.isActive();
    }

    private void runCloseActions() {
        if (closed.compareAndSet(false, true)) {
            closeActions.forEach(Runnable::run);
        }
    }

    /** What the client sends on an open watch socket: pings are answered, a close frame ends the watch. */
    private static final class ClientFrames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame) {
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
