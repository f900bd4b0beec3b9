package dev.j8s.net.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The userspace proxy: TCP listeners that relay each accepted connection to a backend the listener's
 * {@link Balancer} picks, trying the next backend when a connect fails. With no backend left the client
 * connection is reset at once (kube-proxy rejects Services without endpoints rather than let them time out).
 * The event loops are owned here and shared by every listener of the process.
 */
public final class TcpForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TcpForwarder.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final EventLoopGroup boss;
    private final EventLoopGroup io;

    public TcpForwarder(String name) {
        boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name + "-accept", true),
                NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory(name + "-io", true),
                NioIoHandler.newFactory());
    }

    /** A bound listener; closing it stops accepting (relayed connections run on until their ends close). */
    public record Listener(InetSocketAddress address, Channel channel, Balancer balancer) implements AutoCloseable {
        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }

    /** Binds {@code address} and relays what it accepts; throws when the port is taken. */
    public Listener listen(InetSocketAddress address, Balancer balancer) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Frontend(balancer));
                    }
                });
        ChannelFuture bound = bootstrap.bind(address).await();
        if (!bound.isSuccess()) {
            throw new ListenException(address, bound.cause());
        }
        return new Listener(address, bound.channel(), balancer);
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A listener that could not bind, e.g. a port another process holds. */
    public static final class ListenException extends RuntimeException {
        public ListenException(InetSocketAddress address, Throwable cause) {
            super("cannot listen on " + address.getHostString() + ":" + address.getPort() + ": "
                    + (cause == null ? "unknown error" : cause.getMessage()), cause);
        }
    }

    /** The accepted side: connects to a backend, then relays both ways. */
    private static final class Frontend extends ChannelInboundHandlerAdapter {
        private final Balancer balancer;
        private final Set<Backend> failed = new HashSet<>();
        private Channel backend;

        Frontend(Balancer balancer) {
            this.balancer = balancer;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connect(ctx.channel());
        }

        private void connect(Channel client) {
            String clientIp = client.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
            Backend target = balancer.pick(clientIp, failed);
            if (target == null) {
                // SO_LINGER 0: the client sees a reset now, like a REJECT, not an orderly empty reply.
                client.config().setOption(ChannelOption.SO_LINGER, 0);
                client.close();
                return;
            }
            ChannelFuture connecting = new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .handler(new Relay(client))
                    .connect(target.address(), target.port());
            connecting.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    backend = f.channel();
                    balancer.connected(clientIp, target);
                    client.read();
                    backend.read();
                } else if (client.isActive()) {
                    log.debug("connect to {} failed: {}", target, f.cause().toString());
                    failed.add(target);
                    connect(client);
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            relay(ctx.channel(), backend, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(backend);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnFlush(ctx.channel());
        }
    }

    /** The backend side: relays what the backend sends to the client. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel client;

        Relay(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            relay(ctx.channel(), client, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(client);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnFlush(ctx.channel());
        }
    }

    /** Writes to the other side and reads more from this side only once the write is flushed: backpressure. */
    private static void relay(Channel from, Channel to, Object msg) {
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                from.read();
            } else {
                f.channel().close();
                from.close();
            }
        });
    }

    private static void closeOnFlush(Channel channel) {
        if (channel != null && channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
