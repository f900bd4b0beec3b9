package dev.j8s.apiserver.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Streams an agent's answer (a log, a followed log) to the client as it arrives: chunks over HTTP/1.1,
 * DATA frames over HTTP/2, never the whole body in memory. The agent is read only while the client keeps
 * up (its reading pauses while the client connection is not writable); either side closing ends both.
 */
final class ResponseRelay extends ChannelInboundHandlerAdapter {

    private final Channel client;
    private final Channel backend;
    private final boolean keepAlive;
    private boolean done;

    private ResponseRelay(Channel client, Channel backend, boolean keepAlive) {
        this.client = client;
        this.backend = backend;
        this.keepAlive = keepAlive;
    }

    /** Starts on the client's event loop (which is also the agent connection's). */
    static void start(Channel client, NodeConnector.Exchange exchange, boolean keepAlive) {
        client.eventLoop().execute(() -> {
            ResponseRelay relay = new ResponseRelay(client, exchange.channel(), keepAlive);
            if (!client.isActive()) {
                exchange.close();
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, exchange.head().status());
            head.headers().set(HttpHeaderNames.CONTENT_TYPE,
                    exchange.head().headers().get(HttpHeaderNames.CONTENT_TYPE, "text/plain"));
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            head.headers().set("Cache-Control", "no-cache, private");
            client.writeAndFlush(head);
            client.pipeline().addLast(relay);
            client.closeFuture().addListener(f -> exchange.channel().close());
            exchange.handler().relayTo(relay::fromBackend);
        });
    }

    private void fromBackend(Object msg) {
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg == BackendExchange.CLOSED) {
            // The agent went away before the end of its answer: a chunked body cannot carry an error, so cut it.
            finish(false);
            return;
        }
        if (msg instanceof HttpContent content) {
            if (content.content().isReadable()) {
                client.write(new DefaultHttpContent(content.content().retain()));
            }
            content.release();
            if (msg instanceof LastHttpContent) {
                finish(true);
                return;
            }
            client.flush();
            if (!client.isWritable()) {
                backend.config().setAutoRead(false);
                // The client may have drained meanwhile: its writability event could already be past.
                if (client.isWritable()) {
                    backend.config().setAutoRead(true);
                }
            }
            return;
        }
        ReferenceCountUtil.release(msg);
    }

    private void finish(boolean complete) {
        done = true;
        backend.close();
        if (client.pipeline().context(this) != null) {
            client.pipeline().remove(this);
        }
        if (complete && keepAlive) {
            client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else if (complete) {
            client.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        } else {
            client.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && !done) {
            backend.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }
}
