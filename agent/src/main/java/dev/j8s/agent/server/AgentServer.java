package dev.j8s.agent.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's HTTPS API (the kubelet's port, 10250 by default): container logs, exec, attach and
 * port-forward for the API server, which reaches it with its own client certificate. It owns its event
 * loops and the worker threads that run blocking stream copies.
 */
public final class AgentServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentServer.class);
    public static final int DEFAULT_PORT = 10250;

    /**
     * @param ssl server context that requires client certificates signed by the cluster CA ({@link AgentTls})
     * @param authorized which verified client certificates may use the API (the API server's, by default)
     */
    public record Config(String bindAddress, int port, SslContext ssl, Predicate<X509Certificate> authorized,
                         Clock clock) {
        public Config {
            if (authorized == null) {
                authorized = AgentTls::isApiServer;
            }
            if (clock == null) {
                clock = Clock.systemUTC();
            }
        }
    }

    private final Config config;
    private final PodStreams streams;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ExecutorService workers;
    private Channel channel;

    public AgentServer(Config config, PodStreams streams) {
        this.config = config;
        this.streams = streams;
    }

    public AgentServer start() throws InterruptedException {
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("j8s-agent-stream-", 0).factory());
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("j8s-agent-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("j8s-agent-io", true),
                NioIoHandler.newFactory());
        channel = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // Copies from processes wait while a connection holds this much unsent output.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(config.ssl().newHandler(ch.alloc()));
                        ch.pipeline().addLast(new HttpServerCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new AgentRouter(streams, workers, config.authorized(), config.clock()));
                    }
                })
                .bind(new InetSocketAddress(config.bindAddress(), config.port()))
                .sync()
                .channel();
        log.info("agent API listening on https://{}:{}", config.bindAddress(), port());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
