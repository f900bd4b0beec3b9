package dev.j8s.apiserver.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last Netty handler: turns an aggregated request into an {@link ApiRequest}, authenticates it
 * from the TLS client certificate and hands it to a worker thread, so no store I/O ever runs on
 * an event loop.
 */
@ChannelHandler.Sharable
public final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger log = LoggerFactory.getLogger(HttpDispatcher.class);

    private final RequestHandler handler;
    private final ExecutorService workers;
    private final ClientCertAuthenticator authenticator;

    public HttpDispatcher(RequestHandler handler, ExecutorService workers, ClientCertAuthenticator authenticator) {
        this.handler = handler;
        this.workers = workers;
        this.authenticator = authenticator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        QueryStringDecoder uri = new QueryStringDecoder(msg.uri());
        byte[] body = ByteBufUtil.getBytes(msg.content());
        ClientCertAuthenticator.Identity who = authenticator.identify(peerCertificate(ctx.channel()));
        ApiRequest request = new ApiRequest(msg.method().name(), uri.path(), uri.parameters(),
                msg.headers().copy(), body, who == null ? null : who.user(), who == null ? List.of() : who.groups());
        // Only an HTTP/1.1 connection can be upgraded; the request is kept (without its body) for the handshake.
        FullHttpRequest upgrade = !(ctx.channel() instanceof Http2StreamChannel) && WebSocketStream.isUpgrade(msg)
                ? msg.replace(Unpooled.EMPTY_BUFFER) : null;
        Responder responder = new NettyResponder(ctx.channel(), HttpUtil.isKeepAlive(msg), msg.protocolVersion(),
                upgrade);
        try {
            workers.execute(() -> handler.handle(request, responder));
        } catch (RejectedExecutionException e) {
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static X509Certificate peerCertificate(Channel channel) {
        for (Channel c = channel; c != null; c = c.parent()) {
            SslHandler ssl = c.pipeline().get(SslHandler.class);
            if (ssl != null) {
                try {
                    Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
                    return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
                } catch (SSLPeerUnverifiedException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
