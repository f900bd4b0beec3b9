package dev.j8s.agent.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's routes on the agent's HTTPS port: {@code /healthz}, {@code /containerLogs/{ns}/{pod}/{container}},
 * {@code /exec|/attach/{ns}/{pod}/{container}} and {@code /portForward/{ns}/{pod}}. Runs on the event loop and
 * only decides; everything that can block goes to a worker.
 */
final class AgentRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(AgentRouter.class);

    private final PodStreams streams;
    private final ExecutorService workers;
    private final Predicate<X509Certificate> authorized;
    private final Clock clock;

    AgentRouter(PodStreams streams, ExecutorService workers, Predicate<X509Certificate> authorized, Clock clock) {
        this.streams = streams;
        this.workers = workers;
        this.authorized = authorized;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        List<String> parts = List.of(uri.path().replaceAll("^/+|/+$", "").split("/+"));
        String route = parts.isEmpty() ? "" : parts.get(0);
        if (route.equals("healthz")) {
            reply(ctx.channel(), request, 200, "ok");
            return;
        }
        if (!authorized(ctx.channel())) {
            reply(ctx.channel(), request, 403, "Forbidden (user is not allowed to use the kubelet API)");
            return;
        }
        Map<String, List<String>> query = uri.parameters();
        switch (route) {
            case "containerLogs" -> {
                if (parts.size() != 4) {
                    break;
                }
                request.retain();
                workers.execute(() -> {
                    try {
                        logs(ctx.channel(), request, parts.get(1), parts.get(2), parts.get(3), query);
                    } finally {
                        request.release();
                    }
                });
                return;
            }
            case "exec", "attach" -> {
                if (parts.size() != 4) {
                    break;
                }
                StreamEndpoints.exec(ctx.channel(), request, route.equals("attach"), parts.get(1), parts.get(2),
                        parts.get(3), query, streams, workers);
                return;
            }
            case "portForward" -> {
                if (parts.size() != 3) {
                    break;
                }
                StreamEndpoints.portForward(ctx.channel(), request, parts.get(1), parts.get(2), streams, workers);
                return;
            }
            default -> { }
        }
        reply(ctx.channel(), request, 404, "404 page not found");
    }

    private void logs(Channel channel, FullHttpRequest request, String ns, String pod, String container,
                      Map<String, List<String>> query) {
        ContainerLog file;
        LogOptions options;
        try {
            options = LogOptions.parse(query, clock);
            file = streams.logFile(ns, pod, container, options.previous());
        } catch (StreamException e) {
            reply(channel, request, e.status(), e.getMessage());
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        channel.writeAndFlush(head);
        try {
            new ContainerLogStreamer(file, options, new ContainerLogStreamer.Sink() {
                @Override
                public boolean write(byte[] bytes) {
                    return ChannelWrites.writeAndWait(channel, new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
                }

                @Override
                public boolean isOpen() {
                    return channel.isActive();
                }
            }).run();
        } catch (IOException e) {
            log.debug("reading log of {}/{}/{} failed: {}", ns, pod, container, e.toString());
            channel.close();
            return;
        }
        if (HttpUtil.isKeepAlive(request)) {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        } else {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A plain-text answer, as the kubelet's errors are (the API server wraps them into a Status). */
    static void reply(Channel channel, FullHttpRequest request, int status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = channel.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private boolean authorized(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            return false;
        }
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x && authorized.test(x);
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("agent API connection error: {}", cause.toString());
        ctx.close();
    }
}
