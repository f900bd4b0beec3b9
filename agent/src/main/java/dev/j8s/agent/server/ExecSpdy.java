package dev.j8s.agent.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * exec and attach over SPDY/3.1 with {@code v4.channel.k8s.io}, kubectl's fallback when the WebSocket upgrade
 * fails: the client opens one stream per standard stream ("error", "stdin", "stdout", "stderr", "resize"), and the
 * session starts once every stream the query asked for exists. The Status goes on the error stream as JSON.
 */
final class ExecSpdy extends ChannelInboundHandlerAdapter {

    static final String PROTOCOL = "v4.channel.k8s.io";

    private final ExecRequest request;
    private final ExecRunner.SessionStarter starter;
    private final ExecutorService workers;
    private final Map<String, Integer> streams = new HashMap<>();
    private ExecRunner runner;

    ExecSpdy(ExecRequest request, ExecRunner.SessionStarter starter, ExecutorService workers) {
        this.request = request;
        this.starter = starter;
        this.workers = workers;
    }

    private int expected() {
        return 1 + (request.stdin() ? 1 : 0) + (request.stdout() ? 1 : 0) + (request.stderr() ? 1 : 0)
                + (request.tty() ? 1 : 0);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdySynStreamFrame syn) {
                String type = syn.headers().getAsString("streamtype");
                DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
                // Go's SPDY framer cannot read the empty header block Netty writes for a reply without headers.
                reply.headers().set("streamtype", type == null ? "" : type);
                ctx.writeAndFlush(reply);
                streams.put(type == null ? "" : type, syn.streamId());
                if (runner == null && streams.size() >= expected()) {
                    runner = new ExecRunner(request, ctx.channel(), workers, framing());
                    runner.start(starter);
                }
            } else if (msg instanceof SpdyDataFrame data && runner != null) {
                Integer stdin = streams.get("stdin");
                Integer resize = streams.get("resize");
                if (stdin != null && data.streamId() == stdin) {
                    runner.stdin(ByteBufUtil.getBytes(data.content()));
                    if (data.isLast()) {
                        runner.stdinDone();
                    }
                } else if (resize != null && data.streamId() == resize) {
                    runner.resize(ByteBufUtil.getBytes(data.content()));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private ExecRunner.Framing framing() {
        return new ExecRunner.Framing() {
            @Override
            public Object output(int stream, byte[] bytes) {
                Integer id = streams.get(stream == ExecRunner.STDOUT ? "stdout" : "stderr");
                return id == null ? Unpooled.EMPTY_BUFFER : new DefaultSpdyDataFrame(id, Unpooled.wrappedBuffer(bytes));
            }

            @Override
            public void finish(Channel channel, byte[] status) {
                if (!channel.isActive()) {
                    return;
                }
                channel.write(new DefaultSpdyDataFrame(streams.get("error"), Unpooled.wrappedBuffer(status)));
                for (String type : new String[] {"stdout", "stderr"}) {
                    Integer id = streams.get(type);
                    if (id != null) {
                        channel.write(fin(id));
                    }
                }
                // Like the kubelet, the connection ends once the handler is done (SPDY sends its GOAWAY).
                channel.writeAndFlush(fin(streams.get("error"))).addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    private static DefaultSpdyDataFrame fin(int streamId) {
        DefaultSpdyDataFrame fin = new DefaultSpdyDataFrame(streamId);
        fin.setLast(true);
        return fin;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (runner != null) {
            runner.stdinDone();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
