package dev.j8s.agent.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The kubelet's {@code portforward.k8s.io} protocol over SPDY/3.1: for every forwarded connection the client
 * opens an "error" and a "data" stream carrying the same {@code requestID} and {@code port} headers. Once both
 * exist the agent dials the pod port and copies bytes between it and the data stream; a failure is written to
 * the error stream as text (kubectl prints it). Streams are answered with SYN_REPLY, as spdystream does.
 */
final class PortForwardSpdy extends ChannelInboundHandlerAdapter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PortForwardSpdy.class);

    private final String namespace;
    private final String pod;
    private final PodStreams streams;
    private final ExecutorService workers;
    private final Map<String, Pair> byRequest = new HashMap<>();
    private final Map<Integer, Pair> byStream = new HashMap<>();

    PortForwardSpdy(String namespace, String pod, PodStreams streams, ExecutorService workers) {
        this.namespace = namespace;
        this.pod = pod;
        this.streams = streams;
        this.workers = workers;
    }

    /** The two streams of one forwarded connection; touched only on the event loop except the dial. */
    private final class Pair {
        int errorStream = -1;
        int dataStream = -1;
        String port;
        InputFeeder toPod;
        final CompletableFuture<PortConnection> connection = new CompletableFuture<>();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                opened(ctx, syn);
            } else if (msg instanceof SpdyDataFrame data) {
                Pair pair = byStream.get(data.streamId());
                if (pair != null && pair.toPod != null && data.streamId() == pair.dataStream) {
                    pair.toPod.offer(ByteBufUtil.getBytes(data.content()));
                    if (data.isLast()) {
                        pair.toPod.finish();
                    }
                }
            } else if (msg instanceof SpdyRstStreamFrame rst) {
                Pair pair = byStream.remove(rst.streamId());
                if (pair != null) {
                    pair.connection.thenAccept(PortConnection::close);
                    if (pair.toPod != null) {
                        pair.toPod.finish();
                    }
                }
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void opened(ChannelHandlerContext ctx, SpdySynStreamFrame syn) {
        String type = syn.headers().getAsString("streamtype");
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
        // Netty leaves out the header block of a reply without headers, which Go's SPDY framer cannot read
        // (it always inflates one); echoing the stream type gives the block one entry.
        reply.headers().set("streamtype", type == null ? "" : type);
        ctx.writeAndFlush(reply);
        String requestId = syn.headers().getAsString("requestid");
        String port = syn.headers().getAsString("port");
        Pair pair = byRequest.computeIfAbsent(requestId == null ? "" : requestId, k -> new Pair());
        byStream.put(syn.streamId(), pair);
        pair.port = port;
        if ("error".equals(type)) {
            pair.errorStream = syn.streamId();
        } else if ("data".equals(type)) {
            pair.dataStream = syn.streamId();
        }
        if (pair.errorStream >= 0 && pair.dataStream >= 0) {
            byRequest.remove(requestId);
            start(ctx.channel(), pair);
        }
    }

    private void start(Channel channel, Pair pair) {
        Runnable halfClose = () -> pair.connection.thenAccept(PortConnection::closeOutput);
        pair.toPod = new InputFeeder(channel, pair.connection.thenApply(PortConnection::output), halfClose, workers);
        workers.execute(() -> {
            PortConnection connection;
            try {
                connection = streams.portForward(namespace, pod, parsePort(pair.port));
            } catch (StreamException | RuntimeException e) {
                pair.connection.completeExceptionally(e);
                String message = "error forwarding port " + pair.port + " to pod " + pod + ": " + e.getMessage();
                channel.writeAndFlush(new DefaultSpdyDataFrame(pair.errorStream,
                        Unpooled.copiedBuffer(message, StandardCharsets.UTF_8)));
                end(channel, pair);
                return;
            }
            pair.connection.complete(connection);
            OutputPump.copy(connection.input(), bytes -> new DefaultSpdyDataFrame(pair.dataStream,
                    Unpooled.wrappedBuffer(bytes)), message -> ChannelWrites.writeAndWait(channel, message));
            end(channel, pair);
        });
    }

    /** FIN on both streams: the pod closed its side (or never opened); the client then resets them. */
    private static void end(Channel channel, Pair pair) {
        DefaultSpdyDataFrame finData = new DefaultSpdyDataFrame(pair.dataStream);
        finData.setLast(true);
        DefaultSpdyDataFrame finError = new DefaultSpdyDataFrame(pair.errorStream);
        finError.setLast(true);
        channel.write(finData);
        channel.writeAndFlush(finError);
    }

    private static int parsePort(String port) throws StreamException {
        try {
            int p = Integer.parseInt(port);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw StreamException.badRequest("invalid port: " + port);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Pair pair : byStream.values()) {
            pair.connection.thenAccept(PortConnection::close);
            if (pair.toPod != null) {
                pair.toPod.finish();
            }
        }
        byStream.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("port-forward connection to {}/{} failed: {}", namespace, pod, cause.toString());
        ctx.close();
    }
}
