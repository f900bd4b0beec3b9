package dev.j8s.net.ingress.proxy;

import dev.j8s.net.ingress.route.UpstreamAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to upstream endpoints, one idle stack per endpoint per event loop: a
 * client connection and the upstream connections it uses share an event loop, so nothing is handed
 * between threads and the pool needs no locks. The most recently used connection goes out first
 * (warm, least likely to have been closed by the upstream); at most {@code maxIdlePerEndpoint} wait
 * per endpoint and loop, and one idle longer than the idle timeout is closed.
 */
final class UpstreamPool {

    /** Told, on the event loop, when a connection is ready or could not be made. */
    interface AcquireListener {
        void acquired(Channel channel, boolean reused);

        void acquireFailed(Throwable cause);
    }

    private final Bootstrap bootstrap;
    private final int maxIdlePerEndpoint;
    private final FastThreadLocal<Map<UpstreamAddress, ArrayDeque<Channel>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<UpstreamAddress, ArrayDeque<Channel>> initialValue() {
            return new HashMap<>();
        }
    };

    UpstreamPool(Class<? extends Channel> channelClass, int maxIdlePerEndpoint, Duration connectTimeout,
                 Duration idleTimeout) {
        this.maxIdlePerEndpoint = maxIdlePerEndpoint;
        long idleMillis = idleTimeout.toMillis();
        this.bootstrap = new Bootstrap().channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Reader-idle only: all-idle would wrap every write in a promise with a listener.
                        ch.pipeline().addLast(new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS),
                                new HttpClientCodec(4096, 16384, 16384), new UpstreamHandler());
                    }
                });
    }

    /** Hands {@code listener} a connection to {@code address}; call on {@code loop}. May answer before returning. */
    void acquire(UpstreamAddress address, EventLoop loop, AcquireListener listener) {
        ArrayDeque<Channel> stack = idle.get().get(address);
        if (stack != null) {
            Channel ch;
            while ((ch = stack.pollFirst()) != null) {
                if (ch.isActive()) {
                    listener.acquired(ch, true);
                    return;
                }
            }
        }
        ChannelFuture connect = bootstrap.clone(loop).connect(address.socketAddress());
        connect.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                listener.acquired(f.channel(), false);
            } else {
                listener.acquireFailed(f.cause());
            }
        });
    }

    /** Takes back a connection whose exchange finished cleanly; call on its event loop. */
    void release(Channel ch, UpstreamAddress address) {
        ch.pipeline().get(UpstreamHandler.class).unbind();
        if (!ch.isActive()) {
            return;
        }
        ArrayDeque<Channel> stack = idle.get().computeIfAbsent(address, a -> new ArrayDeque<>());
        if (stack.size() >= maxIdlePerEndpoint) {
            // Drop the oldest: the warm ones at the head are the ones worth keeping.
            Channel oldest = stack.pollLast();
            if (oldest != null) {
                oldest.close();
            }
        }
        stack.addFirst(ch);
    }
}
