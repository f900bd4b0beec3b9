package dev.j8s.apiserver.proxy;

import dev.j8s.apiserver.http.HttpDispatcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * After the agent accepted an upgrade (101: a WebSocket for exec/attach/port-forward tunnelling, or SPDY/3.1),
 * both connections stop speaking HTTP and their bytes are copied as they are in both directions, as
 * kube-apiserver's upgrade-aware proxy does. Each side reads only while the other can take more; when either
 * side closes, the other is closed once what was written to it is flushed.
 */
final class UpgradeRelay extends ChannelInboundHandlerAdapter {

    private final Channel other;

    private UpgradeRelay(Channel other) {
        this.other = other;
    }

    /** Answers the client's upgrade with the agent's 101 and switches both pipelines to raw bytes. */
    static void start(Channel client, NodeConnector.Exchange exchange) {
        client.eventLoop().execute(() -> {
            Channel backend = exchange.channel();
            if (!client.isActive()) {
                exchange.close();
                return;
            }
            FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, exchange.head().status(),
                    Unpooled.EMPTY_BUFFER);
            switching.headers().set(exchange.head().headers());
            client.writeAndFlush(switching);

            ChannelPipeline cp = client.pipeline();
            cp.addLast(new UpgradeRelay(backend));
            removeAll(cp, List.of(HttpDispatcher.class, HttpObjectAggregator.class, HttpServerCodec.class));

            ChannelPipeline bp = backend.pipeline();
            bp.addLast(new UpgradeRelay(client));
            // Bytes that came with the 101 were held; they go first.
            exchange.handler().relayTo(msg -> {
                if (msg instanceof ByteBuf bytes) {
                    client.writeAndFlush(bytes);
                } else if (msg == BackendExchange.CLOSED) {
                    closeAfterFlush(client);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            });
            removeAll(bp, List.of(BackendExchange.class, HttpClientCodec.class));
            client.config().setAutoRead(true);
            client.read();
        });
    }

    private static void removeAll(ChannelPipeline pipeline, List<Class<? extends ChannelHandler>> types) {
        for (Class<? extends ChannelHandler> type : types) {
            List<String> names = new ArrayList<>();
            pipeline.forEach(e -> {
                if (type.isInstance(e.getValue())) {
                    names.add(e.getKey());
                }
            });
            names.forEach(pipeline::remove);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        other.writeAndFlush(msg);
        if (!other.isWritable()) {
            ctx.channel().config().setAutoRead(false);
            // The other side, on its own event loop, may have drained between the check and the pause: its
            // writability event would then have come too early to resume this side, which would never read again.
            if (other.isWritable()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            other.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closeAfterFlush(other);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static void closeAfterFlush(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
