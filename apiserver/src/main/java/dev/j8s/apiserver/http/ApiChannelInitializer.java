package dev.j8s.apiserver.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;

/**
 * Builds each connection's pipeline: TLS, then HTTP/2 or HTTP/1.1 as negotiated by ALPN, body
 * aggregation with the Kubernetes 3 MiB request limit, and the {@link HttpDispatcher}.
 */
public final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** kube-apiserver's limit on request bodies. */
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    private static final byte[] TOO_LARGE = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Request entity too large: limit is 3145728\","
            + "\"reason\":\"RequestEntityTooLarge\",\"code\":413}").getBytes(StandardCharsets.UTF_8);

    private final SslContext ssl;
    private final HttpDispatcher dispatcher;

    public ApiChannelInitializer(SslContext ssl, HttpDispatcher dispatcher) {
        this.ssl = ssl;
        this.dispatcher = dispatcher;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (ssl == null) {
            configureHttp1(ch.pipeline());
            return;
        }
        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
        ch.pipeline().addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                    configureHttp2(ctx.pipeline());
                } else {
                    configureHttp1(ctx.pipeline());
                }
            }
        });
    }

    private void configureHttp1(ChannelPipeline p) {
        p.addLast(new HttpServerCodec(8192, 64 * 1024, 64 * 1024));
        p.addLast(new LimitedAggregator());
        p.addLast(dispatcher);
    }

    private void configureHttp2(ChannelPipeline p) {
        p.addLast(Http2FrameCodecBuilder.forServer()
                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(1000))
                .build());
        p.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true));
                stream.pipeline().addLast(new LimitedAggregator());
                stream.pipeline().addLast(dispatcher);
            }
        }));
    }

    /** Aggregates bodies up to 3 MiB and answers larger ones with a 413 Status. */
    private static final class LimitedAggregator extends HttpObjectAggregator {
        LimitedAggregator() {
            super(MAX_BODY_BYTES, true);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(TOO_LARGE));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            HttpUtil.setContentLength(response, TOO_LARGE.length);
            // Answer and keep the connection: the aggregator drops the rest of this body, so the client
            // reads the 413 instead of a reset it would get if the connection closed mid-upload.
            ctx.writeAndFlush(response);
        }
    }
}
