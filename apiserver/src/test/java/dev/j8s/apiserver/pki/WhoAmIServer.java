package dev.j8s.apiserver.pki;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A tiny HTTPS server (HTTP/1.1 and h2 via ALPN) on an ephemeral 127.0.0.1 port that tells each client who its
 * certificate says it is, and answers /version like a v1.32 API server so the kubectl dispatcher is satisfied.
 */
final class WhoAmIServer implements AutoCloseable {

    static final String VERSION_JSON = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.3\"}";
    static final String ANONYMOUS = "anonymous";

    /** What the server saw of one request (path without query). */
    record Seen(String path, String user, String protocol) {}

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Queue<Seen> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> handshakeFailures = new ConcurrentLinkedQueue<>();
    private final Channel listener;

    WhoAmIServer(SslContext sslContext) throws InterruptedException {
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(sslContext.newHandler(channel.alloc()), new ProtocolSwitch());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .sync()
                .channel();
    }

    String url() {
        return "https://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort();
    }

    List<Seen> requests() {
        return List.copyOf(requests);
    }

    List<Throwable> handshakeFailures() {
        return List.copyOf(handshakeFailures);
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class ProtocolSwitch extends ApplicationProtocolNegotiationHandler {

        ProtocolSwitch() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(
                        Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel stream) {
                                stream.pipeline().addLast(
                                        new Http2StreamFrameToHttpObjectCodec(true),
                                        new HttpObjectAggregator(1 << 16),
                                        new WhoAmIHandler(protocol));
                            }
                        }));
            } else {
                ctx.pipeline().addLast(
                        new HttpServerCodec(), new HttpObjectAggregator(1 << 16), new WhoAmIHandler(protocol));
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            handshakeFailures.add(cause);
            ctx.close();
        }
    }

    private final class WhoAmIHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final String protocol;

        WhoAmIHandler(String protocol) {
            this.protocol = protocol;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            // An h2 stream is a child channel; the TLS session belongs to its parent connection.
            Channel connection = ctx.channel() instanceof Http2StreamChannel ? ctx.channel().parent() : ctx.channel();
            String user = peerUser(connection.pipeline().get(SslHandler.class));
            String path = new QueryStringDecoder(request.uri()).path();
            requests.add(new Seen(path, user, protocol));
            String body = path.equals("/version") ? VERSION_JSON : user;
            FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, body.startsWith("{") ? "application/json" : "text/plain")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive && !"h2".equals(protocol)) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static String peerUser(SslHandler ssl) {
            try {
                X509Certificate peer = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
                return UserInfo.fromCertificate(peer).map(UserInfo::name).orElse(ANONYMOUS);
            } catch (SSLPeerUnverifiedException none) {
                return ANONYMOUS;
            }
        }
    }
}
