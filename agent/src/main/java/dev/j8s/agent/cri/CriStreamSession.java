package dev.j8s.agent.cri;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.agent.runtime.ChunkInputStream;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.RuntimeFailure;
import dev.j8s.api.Json;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One exec or attach on a CRI runtime's streaming server, over SPDY/3.1 with {@code v4.channel.k8s.io} (what the
 * kubelet's proxy speaks to it for kubectl): the client opens a stream per standard stream ("error", "stdin",
 * "stdout", "stderr", and "resize" with a TTY), the runtime writes output on them and ends with a Status on the
 * error stream — Success, or NonZeroExitCode with the exit code as an ExitCode cause.
 */
final class CriStreamSession extends ChannelInboundHandlerAdapter implements ExecProcess {

    /** Which streams the runtime expects: those of the CRI ExecRequest/AttachRequest the URL was issued for. */
    record Streams(boolean stdin, boolean stdout, boolean stderr, boolean tty) {}

    private static final int ERROR = 1;
    private static final int STDIN = 3;
    private static final int STDOUT = 5;
    private static final int STDERR = 7;
    private static final int RESIZE = 9;

    private final Streams streams;
    private final ChunkInputStream stdout;
    private final ChunkInputStream stderr;
    private final ByteArrayOutputStream status = new ByteArrayOutputStream();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final OutputStream stdin = new StdinStream();
    private volatile Channel channel;

    CriStreamSession(Streams streams) {
        this.streams = streams;
        this.stdout = new ChunkInputStream(this::resumeReading);
        this.stderr = new ChunkInputStream(this::resumeReading);
        if (!streams.stdout()) {
            stdout.end();
        }
        if (!streams.stderr() || streams.tty()) {
            stderr.end();
        }
    }

    /** Event loop, once the connection speaks SPDY: opens the streams the runtime waits for. */
    void open(Channel ch) {
        this.channel = ch;
        syn(ERROR, "error");
        if (streams.stdin()) {
            syn(STDIN, "stdin");
        }
        if (streams.stdout()) {
            syn(STDOUT, "stdout");
        }
        if (streams.stderr() && !streams.tty()) {
            syn(STDERR, "stderr");
        }
        if (streams.tty()) {
            syn(RESIZE, "resize");
        }
        ch.flush();
    }

    private void syn(int id, String type) {
        DefaultSpdySynStreamFrame frame = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        frame.headers().set("streamtype", type);
        channel.write(frame);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SpdyDataFrame data) {
                byte[] bytes = ByteBufUtil.getBytes(data.content());
                switch (data.streamId()) {
                    case STDOUT -> stdout.append(bytes);
                    case STDERR -> stderr.append(bytes);
                    case ERROR -> status.write(bytes, 0, bytes.length);
                    default -> { }
                }
                if (data.isLast()) {
                    endStream(data.streamId());
                }
                if (stdout.isFull() || stderr.isFull()) {
                    ctx.channel().config().setAutoRead(false);
                }
            } else if (msg instanceof SpdyRstStreamFrame reset) {
                endStream(reset.streamId());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void endStream(int id) {
        switch (id) {
            case STDOUT -> stdout.end();
            case STDERR -> stderr.end();
            case ERROR -> finish();
            default -> { }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stdout.end();
        stderr.end();
        finish();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The Status the runtime ended with (none when the connection just closed, as after a detach). */
    private void finish() {
        if (exitCode.isDone()) {
            return;
        }
        try {
            exitCode.complete(exitCodeOf(status.toByteArray()));
        } catch (RuntimeFailure e) {
            exitCode.completeExceptionally(e);
        }
    }

    static int exitCodeOf(byte[] statusJson) {
        if (statusJson.length == 0) {
            return 0;
        }
        JsonNode status;
        try {
            status = Json.MAPPER.readTree(statusJson);
        } catch (IOException e) {
            throw new RuntimeFailure("unreadable status from the runtime: "
                    + new String(statusJson, StandardCharsets.UTF_8), e);
        }
        if (!"Failure".equals(status.path("status").asText())) {
            return 0;
        }
        if ("NonZeroExitCode".equals(status.path("reason").asText())) {
            for (JsonNode cause : status.path("details").path("causes")) {
                if ("ExitCode".equals(cause.path("reason").asText())) {
                    try {
                        return Integer.parseInt(cause.path("message").asText());
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
            }
        }
        throw new RuntimeFailure(status.path("message").asText("the runtime ended the stream with a failure"));
    }

    private void resumeReading() {
        Channel ch = channel;
        if (ch != null && !stdout.isFull() && !stderr.isFull() && !ch.config().isAutoRead()) {
            ch.config().setAutoRead(true);
        }
    }

    @Override
    public OutputStream stdin() {
        return stdin;
    }

    @Override
    public InputStream stdout() {
        return stdout;
    }

    @Override
    public InputStream stderr() {
        return stderr;
    }

    /** The runtime resizes the process's terminal (containerd: the shim's console) to the client's. */
    @Override
    public void resize(int width, int height) {
        Channel ch = channel;
        if (!streams.tty() || ch == null || width <= 0 || height <= 0) {
            return;
        }
        byte[] size = ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8);
        ch.writeAndFlush(new DefaultSpdyDataFrame(RESIZE, Unpooled.wrappedBuffer(size)));
    }

    @Override
    public CompletableFuture<Integer> exitCode() {
        return exitCode;
    }

    /** Closes the connection: the runtime detaches an attach; an exec'd command keeps its own course, as in Kubernetes. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        stdout.close();
        stderr.close();
    }

    /** Writes stdin as data frames of the stdin stream, waiting while the runtime's window is full; close half-closes it. */
    private final class StdinStream extends OutputStream {
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed || !streams.stdin()) {
                throw new IOException("stdin is closed");
            }
            if (len > 0) {
                await(channel.writeAndFlush(new DefaultSpdyDataFrame(STDIN, Unpooled.copiedBuffer(b, off, len))));
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed || !streams.stdin() || channel == null) {
                closed = true;
                return;
            }
            closed = true;
            DefaultSpdyDataFrame fin = new DefaultSpdyDataFrame(STDIN);
            fin.setLast(true);
            await(channel.writeAndFlush(fin));
        }

        private void await(ChannelFuture write) throws IOException {
            if (channel.eventLoop().inEventLoop()) {
                return;
            }
            write.awaitUninterruptibly();
            if (!write.isSuccess()) {
                throw new IOException("the runtime's stream closed", write.cause());
            }
        }
    }
}
