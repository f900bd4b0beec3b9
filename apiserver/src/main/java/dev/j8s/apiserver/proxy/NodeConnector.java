package dev.j8s.apiserver.proxy;

import dev.j8s.api.ApiException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Opens the API server's connection to a node agent: TLS with the API server's client certificate, the agent's
 * serving certificate verified against the cluster CA (and its IP address), on the event loop of the client's
 * connection so both sides of a relay run on one thread. Called from a worker: it waits for the answer's head.
 */
final class NodeConnector {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);

    /** Request headers that belong to the hop between client and API server, not to the agent. */
    private static final List<String> HOP_HEADERS = List.of("authorization", "host", "content-length",
            "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer");

    private final SslContext ssl;

    NodeConnector(SslContext ssl) {
        this.ssl = ssl;
    }

    /** An open exchange whose head arrived: the backend channel and its handler. */
    record Exchange(Channel channel, BackendExchange handler, HttpResponse head) {
        void close() {
            channel.eventLoop().execute(handler::discard);
            channel.close();
        }
    }

    Exchange open(EventLoop loop, NodeTarget target, String method, HttpHeaders clientHeaders, boolean upgrade) {
        BackendExchange handler = new BackendExchange();
        ChannelFuture connected = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler tls = ssl.newHandler(ch.alloc(), target.host(), target.port());
                        SSLEngine engine = tls.engine();
                        SSLParameters params = engine.getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(params);
                        ch.pipeline().addLast(tls);
                        ch.pipeline().addLast(new HttpClientCodec(4096, 64 * 1024, 64 * 1024, false));
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(target.host(), target.port());
        Channel channel = connected.channel();
        try {
            if (!connected.await(CONNECT_TIMEOUT.toMillis() + 1000) || !connected.isSuccess()) {
                throw dialError(target, connected.cause());
            }
            var handshake = channel.pipeline().get(SslHandler.class).handshakeFuture();
            if (!handshake.await(CONNECT_TIMEOUT.toMillis()) || !handshake.isSuccess()) {
                throw dialError(target, handshake.cause());
            }
            channel.writeAndFlush(request(target, method, clientHeaders, upgrade));
            HttpResponse head = handler.head().get(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Exchange(channel, handler, head);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.close();
            throw new ApiException(503, "ServiceUnavailable", "interrupted while dialing the node");
        } catch (ExecutionException | TimeoutException e) {
            channel.close();
            throw dialError(target, e.getCause() == null ? e : e.getCause());
        } catch (ApiException e) {
            channel.close();
            throw e;
        }
    }

    private static FullHttpRequest request(NodeTarget target, String method, HttpHeaders clientHeaders,
                                           boolean upgrade) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                target.pathAndQuery());
        if (upgrade) {
            // An upgrade carries the client's negotiation (Upgrade, Sec-WebSocket-*, X-Stream-Protocol-Version).
            clientHeaders.forEach(h -> {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    request.headers().add(h.getKey(), h.getValue());
                }
            });
        }
        request.headers().set(HttpHeaderNames.HOST, target.hostHeader());
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    private static ApiException dialError(NodeTarget target, Throwable cause) {
        String detail = cause == null ? "timeout" : String.valueOf(cause.getMessage());
        return new ApiException(500, "InternalError", "error dialing backend: dial tcp " + target.hostHeader()
                + ": " + detail);
    }

    /** The agent's error answer as the Status kube-apiserver makes of it: its code and its text as message. */
    static ApiException errorFrom(Exchange exchange) {
        byte[] body;
        try {
            body = exchange.handler().errorBody().get(HEAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            body = new byte[0];
        } catch (ExecutionException | TimeoutException e) {
            body = new byte[0];
        } finally {
            exchange.close();
        }
        int code = exchange.head().status().code();
        String message = new String(body, StandardCharsets.UTF_8).trim();
        String reason = switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
        };
        return new ApiException(code, reason, message.isEmpty() ? exchange.head().status().reasonPhrase() : message);
    }
}
