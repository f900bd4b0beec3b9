package dev.j8s.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Writes {@link ApiResponse}s and chunked streams to a Netty channel (HTTP/1.1 or an HTTP/2 stream). */
final class NettyResponder implements Responder {

    /** A watch whose client reads slower than this many unflushed bytes is cut off. */
    private static final long MAX_PENDING_STREAM_BYTES = 64L * 1024 * 1024;

    private final Channel channel;
    private final boolean keepAlive;
    private final AtomicBoolean answered = new AtomicBoolean();

    private final HttpVersion version;

    /** The request, kept when it asks for a WebSocket: a stream then upgrades instead of chunking. */
    private final FullHttpRequest webSocketUpgrade;

    NettyResponder(Channel channel, boolean keepAlive, HttpVersion requestVersion, FullHttpRequest webSocketUpgrade) {
        this.channel = channel;
        this.webSocketUpgrade = webSocketUpgrade;
        this.keepAlive = keepAlive;
        // HTTP/1.0 clients (ab, old tools) need a 1.0 answer with an explicit "Connection: keep-alive".
        this.version = requestVersion == HttpVersion.HTTP_1_0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    @Override
    public void send(ApiResponse response) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        FullHttpResponse out = new DefaultFullHttpResponse(version,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().set("Cache-Control", "no-cache, private");
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            out.headers().set(h.getKey(), h.getValue());
        }
        HttpUtil.setContentLength(out, response.body().length);
        if (keepAlive) {
            HttpUtil.setKeepAlive(out, true);
            channel.writeAndFlush(out);
        } else {
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public Channel channel() {
        return answered.get() ? null : channel;
    }

    @Override
    public ResponseStream stream(int status, String contentType) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("response already sent");
        }
        if (webSocketUpgrade != null && status == 200) {
            return WebSocketStream.open(channel, webSocketUpgrade);
        }
        HttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.valueOf(status));
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set("Cache-Control", "no-cache, private");
        channel.writeAndFlush(head);
        return new ChunkStream();
    }

    private final class ChunkStream implements ResponseStream {
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final java.util.List<Runnable> closeActions = new java.util.concurrent.CopyOnWriteArrayList<>();

        ChunkStream() {
            channel.closeFuture().addListener(f -> runCloseActions());
        }

        private void runCloseActions() {
            if (closed.compareAndSet(false, true)) {
                closeActions.forEach(Runnable::run);
            }
        }

        @Override
        public boolean write(byte[] chunk) {
            if (!isOpen()) {
                return false;
            }
            if (channel.unsafe().outboundBuffer() != null
                    && channel.unsafe().outboundBuffer().totalPendingWriteBytes() > MAX_PENDING_STREAM_BYTES) {
                channel.close();
                return false;
            }
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
            return true;
        }

        @Override
        public void end() {
            if (ended.compareAndSet(false, true) && channel.isActive()) {
                if (keepAlive) {
                    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                } else {
                    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
                }
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
    }
}
