package dev.j8s.net.ingress.proxy;

import dev.j8s.net.ingress.route.RouteTable;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingress's listeners: plain HTTP/1.1 on one port, TLS on another with the certificate chosen by
 * SNI and HTTP/2 or HTTP/1.1 chosen by ALPN, on the best {@link Transport} the kernel allows. Requests are not
 * logged: the proxy stays off the allocation- and lock-heavy paths a busy ingress cannot afford.
 */
public final class IngressServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);

    /**
     * @param httpPort plain HTTP port (0: any free port, negative: none)
     * @param httpsPort TLS port (0: any free port, negative: none)
     * @param ioThreads event-loop threads (0: Netty's default, twice the cores)
     * @param maxIdlePerEndpoint idle keep-alive connections kept per upstream endpoint and event loop
     */
    public record Config(String bindAddress, int httpPort, int httpsPort, int ioThreads, int maxIdlePerEndpoint,
                         Duration connectTimeout, Duration upstreamIdleTimeout, int maxAttempts) {

        public static Config defaults(String bindAddress, int httpPort, int httpsPort) {
            return new Config(bindAddress, httpPort, httpsPort, 0, 256, Duration.ofSeconds(5), Duration.ofSeconds(60), 3);
        }
    }

    private final Config config;
    private final Supplier<RouteTable> routes;
    private final Mapping<String, SslContext> certificates;
    private Transport transport;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel http;
    private Channel https;

    public IngressServer(Config config, Supplier<RouteTable> routes, Mapping<String, SslContext> certificates) {
        this.config = config;
        this.routes = routes;
        this.certificates = certificates;
    }

    public IngressServer start() throws InterruptedException {
        transport = Transport.best();
        LOG.debug("ingress_transport transport={}", transport.name());
        Class<? extends ServerChannel> serverClass = transport.serverChannel();
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("j8s-ingress-accept", true),
                transport.ioHandlerFactory());
        int threads = config.ioThreads() > 0 ? config.ioThreads() : Runtime.getRuntime().availableProcessors();
        io = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("j8s-ingress-io", true),
                transport.ioHandlerFactory());
        ProxyContext context = new ProxyContext(routes, new UpstreamPool(transport.clientChannel(), config.maxIdlePerEndpoint(),
                config.connectTimeout(), config.upstreamIdleTimeout()), config.maxAttempts());
        try {
            if (config.httpPort() >= 0) {
                http = bind(serverClass, config.httpPort(), new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        http1(ch.pipeline(), context, false);
                    }
                });
            }
            if (config.httpsPort() >= 0 && certificates != null) {
                https = bind(serverClass, config.httpsPort(), new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new SniHandler(certificates), new ProtocolSelector(context));
                    }
                });
            }
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    private Channel bind(Class<? extends ServerChannel> serverClass, int port, ChannelInitializer<SocketChannel> init)
            throws InterruptedException {
        return new ServerBootstrap().group(boss, io).channel(serverClass)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init)
                .bind(new InetSocketAddress(config.bindAddress(), port)).sync().channel();
    }

    static void http1(ChannelPipeline p, ProxyContext context, boolean tls) {
        p.addLast(new HttpServerCodec(8192, 16384, 16384), new HttpServerExpectContinueHandler(),
                new ProxyHandler(context, tls, false));
    }

    /** Sets up HTTP/2 or HTTP/1.1 once ALPN has picked one. */
    private static final class ProtocolSelector extends ApplicationProtocolNegotiationHandler {
        private final ProxyContext context;

        ProtocolSelector(ProxyContext context) {
            super(ApplicationProtocolNames.HTTP_1_1);
            this.context = context;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                ctx.pipeline().addLast(
                        Http2FrameCodecBuilder.forServer().initialSettings(Http2Settings.defaultSettings()
                                .maxConcurrentStreams(256)).build(),
                        new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel ch) {
                                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                        new ProxyHandler(context, true, true));
                            }
                        }));
            } else {
                http1(ctx.pipeline(), context, true);
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The socket layer in use ({@code io_uring}, {@code epoll} or {@code nio}); null before {@link #start()}. */
    public String transport() {
        return transport == null ? null : transport.name();
    }

    /** The bound plain HTTP port, or -1. */
    public int httpPort() {
        return http == null ? -1 : ((InetSocketAddress) http.localAddress()).getPort();
    }

    /** The bound TLS port, or -1. */
    public int httpsPort() {
        return https == null ? -1 : ((InetSocketAddress) https.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (http != null) {
            http.close().syncUninterruptibly();
        }
        if (https != null) {
            https.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
        if (io != null) {
            io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
