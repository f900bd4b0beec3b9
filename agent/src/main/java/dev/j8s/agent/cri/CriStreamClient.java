package dev.j8s.agent.cri;

import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.RuntimeFailure;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects to the URLs a CRI runtime hands out for Exec and Attach (containerd's streaming server, which j8s's
 * containerd serves on 127.0.0.1 only) and speaks its SPDY/3.1 remote-command protocol. SPDY rather than the
 * server's WebSocket endpoint because only SPDY can half-close stdin: the v4 WebSocket protocol has no way to
 * say EOF, which {@code exec -i cat}, {@code kubectl cp} and {@code stdinOnce} containers need. Owns one event
 * loop thread for all sessions.
 */
final class CriStreamClient implements AutoCloseable {

    static final String PROTOCOL = "v4.channel.k8s.io";
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            new DefaultThreadFactory("j8s-cri-streams", true), NioIoHandler.newFactory());

    /** Opens the session the URL was issued for; {@code streams} must match that CRI request. Blocks until upgraded. */
    ExecProcess open(URI url, CriStreamSession.Streams streams) {
        CriStreamSession session = new CriStreamSession(streams);
        CompletableFuture<Void> upgraded = new CompletableFuture<>();
        int port = url.getPort() > 0 ? url.getPort() : 80;
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new Upgrade(url, session, upgraded));
                    }
                })
                .connect(url.getHost(), port).addListener(f -> {
                    if (!f.isSuccess()) {
                        upgraded.completeExceptionally(f.cause());
                    }
                }).channel();
        channel.closeFuture().addListener(f -> upgraded.completeExceptionally(
                new java.io.IOException("the runtime's streaming server closed the connection")));
        try {
            upgraded.get(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            channel.close();
            throw new RuntimeFailure("cannot stream from the runtime at " + url.getHost() + ":" + port + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            channel.close();
            throw new RuntimeFailure("the runtime's streaming server did not answer within "
                    + CONNECT_TIMEOUT_MILLIS + " ms", e);
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while connecting to the runtime's streaming server", e);
        }
        return session;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Asks for SPDY/3.1 and, on 101, replaces the HTTP codec by SPDY framing and the session. */
    private static final class Upgrade extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final URI url;
        private final CriStreamSession session;
        private final CompletableFuture<Void> upgraded;

        Upgrade(URI url, CriStreamSession session, CompletableFuture<Void> upgraded) {
            this.url = url;
            this.session = session;
            this.upgraded = upgraded;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target);
            request.headers().set(HttpHeaderNames.HOST, url.getRawAuthority())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                    .set(HttpHeaderNames.UPGRADE, "SPDY/3.1")
                    .set("X-Stream-Protocol-Version", PROTOCOL)
                    .set(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(request);
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.status().code() != 101) {
                String body = response.content().toString(StandardCharsets.UTF_8).strip();
                upgraded.completeExceptionally(new java.io.IOException("upgrade refused: " + response.status()
                        + (body.isEmpty() ? "" : ": " + body)));
                ctx.close();
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            p.addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
            p.addLast(new SpdySessionHandler(SpdyVersion.SPDY_3_1, false));
            p.addLast(session);
            p.remove(this);
            p.remove(HttpObjectAggregator.class);
            // Removing the codec passes on whatever it read past the response: the first SPDY frames.
            p.remove(HttpClientCodec.class);
            session.open(ctx.channel());
            upgraded.complete(null);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            upgraded.completeExceptionally(cause);
            ctx.close();
        }
    }
}
