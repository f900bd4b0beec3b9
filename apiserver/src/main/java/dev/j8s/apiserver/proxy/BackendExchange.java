package dev.j8s.apiserver.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The agent's side of one proxied request. Until the API server decides what to do with the answer, the
 * response head is handed over and everything after it is held (reading paused); an error answer's body is
 * collected instead. Once {@link #relayTo} is called every further message goes to the relay.
 * Lives on the client connection's event loop.
 */
final class BackendExchange extends ChannelInboundHandlerAdapter {

    /** Marks the end of the agent's connection in the relayed sequence. */
    static final Object CLOSED = new Object();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    private final CompletableFuture<byte[]> errorBody = new CompletableFuture<>();
    private final ByteArrayOutputStream error = new ByteArrayOutputStream();
    private final ArrayDeque<Object> held = new ArrayDeque<>();
    private boolean collectingError;
    private Consumer<Object> relay;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    CompletableFuture<HttpResponse> head() {
        return head;
    }

    CompletableFuture<byte[]> errorBody() {
        return errorBody;
    }

    /** Starts relaying (on the event loop): held messages first, then reading resumes. */
    void relayTo(Consumer<Object> sink) {
        relay = sink;
        while (!held.isEmpty()) {
            sink.accept(held.poll());
        }
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (relay != null) {
            relay.accept(msg);
            return;
        }
        if (msg instanceof HttpResponse response && !head.isDone()) {
            int code = response.status().code();
            collectingError = code != 101 && (code < 200 || code > 299);
            if (!collectingError) {
                ctx.channel().config().setAutoRead(false);
            }
            head.complete(response);
            if (!(msg instanceof HttpContent)) {
                return;
            }
        }
        if (collectingError) {
            if (msg instanceof HttpContent content) {
                ByteBuf bytes = content.content();
                if (error.size() < MAX_ERROR_BODY) {
                    error.writeBytes(ByteBufUtil.getBytes(bytes, bytes.readerIndex(),
                            Math.min(bytes.readableBytes(), MAX_ERROR_BODY - error.size())));
                }
                if (msg instanceof LastHttpContent) {
                    errorBody.complete(error.toByteArray());
                }
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        held.add(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        head.completeExceptionally(new IOException("the node closed the connection"));
        errorBody.complete(error.toByteArray());
        if (relay != null) {
            relay.accept(CLOSED);
        } else {
            held.add(CLOSED);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        head.completeExceptionally(cause);
        ctx.close();
    }

    /** Drops what is held (the relay was never started). */
    void discard() {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
    }
}
