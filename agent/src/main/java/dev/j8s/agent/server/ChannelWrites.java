package dev.j8s.agent.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/** Writing to a channel from a worker thread with backpressure: the writer waits while the channel is full. */
final class ChannelWrites {

    private ChannelWrites() {}

    /** Writes and flushes {@code message}; blocks the calling worker (never an event loop) while the peer is slow. */
    static boolean writeAndWait(Channel channel, Object message) {
        if (!channel.isActive()) {
            io.netty.util.ReferenceCountUtil.release(message);
            return false;
        }
        ChannelFuture written = channel.writeAndFlush(message);
        if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            written.awaitUninterruptibly();
        }
        return channel.isActive();
    }
}
