package dev.j8s.net.ingress.proxy;

import dev.j8s.net.ingress.route.Route;
import dev.j8s.net.ingress.route.UpstreamAddress;
import dev.j8s.net.ingress.route.Upstreams;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Proxies the requests of one client connection (HTTP/1.1) or one HTTP/2 stream, one at a time, to
 * the upstream its route selects. Bodies stream both ways with backpressure: a side that cannot
 * take more stops the other side's reads. An idempotent request without a body whose connection
 * fails before any response byte (refused, reset, a pooled connection the upstream had closed) is
 * sent to another endpoint. Pipelined HTTP/1.1 requests wait their turn.
 */
final class ProxyHandler extends ChannelInboundHandlerAdapter
        implements UpstreamHandler.Exchange, UpstreamPool.AcquireListener {

    private enum State { IDLE, CONNECTING, FORWARDING, DISCARDING }

    /** Pipelined requests beyond this many queued objects pause reading from the client. */
    private static final int MAX_PIPELINED = 64;

    private final ProxyContext context;
    private final boolean tls;
    private final boolean h2;
    private ChannelHandlerContext ctx;
    private String clientIp;
    private String localPort;
    private boolean closed;
    /** True while channelRead runs: its channelReadComplete will flush the upstream connection. */
    private boolean inClientRead;

    private State state = State.IDLE;
    private HttpRequest request;
    private HttpMethod method;
    private HttpVersion clientVersion;
    private boolean clientKeepAlive;
    private boolean requestDone;
    private boolean retryable;
    private Upstreams backend;
    private UpstreamAddress target;
    private int attempts;
    private Channel upstream;
    private boolean connectPausedReads;
    private boolean responseStarted;
    private boolean skippingInformational;
    private boolean upstreamKeepAlive;
    private boolean closeAfterResponse;
    /** Body parts of the current request that arrived while its upstream connection was being made. */
    private final ArrayDeque<HttpObject> waiting = new ArrayDeque<>(2);
    /** Requests that arrived before the current one was answered. */
    private ArrayDeque<Object> pipelined;

    ProxyHandler(ProxyContext context, boolean tls, boolean h2) {
        this.context = context;
        this.tls = tls;
        this.h2 = h2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** The client's address and the port it connected to, once per connection (not known before it is active). */
    private void learnAddresses() {
        // An HTTP/2 stream's parent is its connection; an HTTP/1 connection's parent is the listening socket.
        Channel root = h2 ? ctx.channel().parent() : ctx.channel();
        clientIp = ip(root.remoteAddress());
        SocketAddress local = root.localAddress();
        localPort = local instanceof InetSocketAddress i ? Integer.toString(i.getPort()) : "";
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (pipelined != null && !pipelined.isEmpty() || (requestDone && state != State.IDLE)) {
            queuePipelined(msg);
            return;
        }
        inClientRead = true;
        try {
            dispatch(msg);
        } finally {
            inClientRead = false;
        }
    }

    private void dispatch(Object msg) {
        switch (state) {
            case IDLE -> {
                if (msg instanceof HttpRequest req) {
                    startExchange(req);
                } else {
                    ReferenceCountUtil.release(msg);
                }
            }
            case CONNECTING -> {
                waiting.add((HttpObject) msg);
                requestDone = msg instanceof LastHttpContent;
            }
            case FORWARDING -> {
                requestDone = msg instanceof LastHttpContent;
                upstream.write(msg, upstream.voidPromise());
            }
            case DISCARDING -> {
                ReferenceCountUtil.release(msg);
                if (msg instanceof LastHttpContent) {
                    requestDone = true;
                    finishExchange();
                }
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.FORWARDING && upstream != null) {
            upstream.flush();
        }
    }

    private void queuePipelined(Object msg) {
        if (pipelined == null) {
            pipelined = new ArrayDeque<>(4);
        }
        pipelined.add(msg);
        if (pipelined.size() == MAX_PIPELINED) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void startExchange(HttpRequest req) {
        if (clientIp == null) {
            learnAddresses();
        }
        boolean streamEnded = req instanceof LastHttpContent;
        HttpContent body = null;
        if (req instanceof FullHttpRequest full) {
            // HTTP/2 requests that end with their headers arrive whole; split them so that a retry can
            // send the head again and the body is written once.
            body = new DefaultLastHttpContent(full.content());
            req = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
        }
        request = req;
        method = req.method();
        clientVersion = req.protocolVersion();
        clientKeepAlive = h2 || HttpUtil.isKeepAlive(req);
        requestDone = streamEnded;
        responseStarted = false;
        closeAfterResponse = false;
        attempts = 0;
        if (req.decoderResult().isFailure()) {
            ReferenceCountUtil.release(body);
            clientKeepAlive = false;
            requestDone = true;
            respondError(HttpResponseStatus.BAD_REQUEST);
            return;
        }
        Route route = context.routes().get().route(req.headers().get(HttpHeaderNames.HOST), req.uri());
        if (route == null) {
            ReferenceCountUtil.release(body);
            respondError(HttpResponseStatus.NOT_FOUND);
            return;
        }
        backend = route.canary() == null ? route.backend() : route.select(this::header, this::cookie,
                bound -> ThreadLocalRandom.current().nextInt(bound));
        if (backend.isEmpty()) {
            ReferenceCountUtil.release(body);
            respondError(HttpResponseStatus.SERVICE_UNAVAILABLE);
            return;
        }
        boolean hasBody = ProxyHeaders.hasBody(req, streamEnded, h2);
        retryable = !hasBody && ProxyHeaders.idempotent(method);
        ProxyHeaders.prepareRequest(req, hasBody, h2, clientIp, tls, localPort);
        if (body != null) {
            if (hasBody) {
                waiting.add(body);
            } else {
                body.release();
            }
        }
        connect(backend.next());
    }

    private String header(String name) {
        return request.headers().get(name);
    }

    private String cookie(String name) {
        return CookieLookup.value(request.headers().get(HttpHeaderNames.COOKIE), name);
    }

    private void connect(UpstreamAddress address) {
        target = address;
        attempts++;
        state = State.CONNECTING;
        context.pool().acquire(address, ctx.channel().eventLoop(), this);
        if (state == State.CONNECTING && !closed) {
            // A new connection is on its way: stop reading until there is somewhere to put the body.
            connectPausedReads = true;
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void acquired(Channel ch, boolean reused) {
        if (closed || state != State.CONNECTING) {
            context.pool().release(ch, target);
            return;
        }
        upstream = ch;
        ch.pipeline().get(UpstreamHandler.class).bind(this);
        state = State.FORWARDING;
        ch.write(request, ch.voidPromise());
        boolean endWritten = false;
        HttpObject part;
        while ((part = waiting.poll()) != null) {
            endWritten |= part instanceof LastHttpContent;
            ch.write(part, ch.voidPromise());
        }
        if (requestDone && !endWritten && retryable) {
            // The end of a body-less request went to a connection that failed; this one needs it too.
            ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
        }
        if (!inClientRead) {
            ch.flush();
        } // else channelReadComplete flushes once for the whole read batch (one write syscall, not two)
        if (connectPausedReads) {
            connectPausedReads = false;
            ctx.channel().config().setAutoRead(ch.isWritable());
        }
    }

    @Override
    public void acquireFailed(Throwable cause) {
        if (closed || state != State.CONNECTING) {
            return;
        }
        retryOrFail();
    }

    private void retryOrFail() {
        if (retryable && !responseStarted && attempts < context.maxAttempts()) {
            connect(otherEndpoint());
            return;
        }
        releaseWaiting();
        if (connectPausedReads) {
            connectPausedReads = false;
            ctx.channel().config().setAutoRead(true);
        }
        respondError(HttpResponseStatus.BAD_GATEWAY);
    }

    /** The next endpoint in turn that is not the one that just failed, when there is another. */
    private UpstreamAddress otherEndpoint() {
        UpstreamAddress next = backend.next();
        for (int i = 1; i < backend.size() && next.equals(target); i++) {
            next = backend.next();
        }
        return next;
    }

    private void respondError(HttpResponseStatus status) {
        responseStarted = true;
        boolean http10 = clientVersion == HttpVersion.HTTP_1_0;
        ctx.writeAndFlush(ErrorResponses.of(status, clientKeepAlive, http10), ctx.voidPromise());
        if (requestDone) {
            finishExchange();
        } else {
            state = State.DISCARDING;
        }
    }

    @Override
    public void upstreamRead(Object msg) {
        if (msg instanceof HttpResponse response) {
            if (response.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                upstreamFailed();
                return;
            }
            if (response.status().code() < 200) {
                // Interim responses (103 Early Hints; 100 Continue is answered here, not upstream) are dropped.
                skippingInformational = true;
                ReferenceCountUtil.release(msg);
                return;
            }
            responseStarted = true;
            upstreamKeepAlive = HttpUtil.isKeepAlive(response);
            closeAfterResponse = ProxyHeaders.prepareResponse(response, method, clientKeepAlive, clientVersion, h2);
            ctx.write(response, ctx.voidPromise());
        }
        if (msg instanceof HttpContent content) {
            if (skippingInformational) {
                content.release();
                skippingInformational = !(content instanceof LastHttpContent);
                return;
            }
            ctx.write(content, ctx.voidPromise());
            if (content instanceof LastHttpContent) {
                finishExchange();
            }
        }
    }

    @Override
    public void upstreamReadComplete() {
        ctx.flush();
    }

    @Override
    public void upstreamClosed(Throwable cause) {
        if (upstream == null || state != State.FORWARDING) {
            return;
        }
        upstream = null;
        upstreamFailed();
    }

    private void upstreamFailed() {
        Channel up = upstream;
        upstream = null;
        if (up != null) {
            up.pipeline().get(UpstreamHandler.class).unbind();
            up.close();
        }
        if (!responseStarted) {
            retryOrFail();
        } else {
            // Part of the response is out: the client can only learn of the failure by the connection (or
            // HTTP/2 stream) ending early.
            closed = true;
            ctx.close();
        }
    }

    @Override
    public void upstreamWritabilityChanged(boolean writable) {
        if (!closed && state == State.FORWARDING) {
            ctx.channel().config().setAutoRead(writable);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel up = upstream;
        if (up != null) {
            up.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void finishExchange() {
        Channel up = upstream;
        upstream = null;
        if (up != null) {
            if (upstreamKeepAlive && requestDone) {
                up.config().setAutoRead(true);
                context.pool().release(up, target);
            } else {
                up.pipeline().get(UpstreamHandler.class).unbind();
                up.close();
            }
        }
        boolean close = closeAfterResponse || !clientKeepAlive || !requestDone;
        state = State.IDLE;
        request = null;
        backend = null;
        requestDone = false;
        if (close) {
            closed = true;
            releasePipelined();
            if (h2) {
                ctx.flush();
                ctx.close();
            } else {
                // An empty buffer passes the HTTP encoder untouched: its future completes after the response.
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        // The upstream's read-complete flush no longer reaches this exchange once it is released.
        ctx.flush();
        if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        if (pipelined != null) {
            Object next;
            while (!closed && !(requestDone && state != State.IDLE) && (next = pipelined.poll()) != null) {
                dispatch(next);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        releaseWaiting();
        releasePipelined();
        Channel up = upstream;
        upstream = null;
        if (up != null) {
            // Mid-exchange: the upstream connection is in an unknown state and cannot be reused.
            up.pipeline().get(UpstreamHandler.class).unbind();
            up.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void releaseWaiting() {
        HttpObject o;
        while ((o = waiting.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    private void releasePipelined() {
        if (pipelined != null) {
            Object o;
            while ((o = pipelined.poll()) != null) {
                ReferenceCountUtil.release(o);
            }
        }
    }

    private static String ip(SocketAddress address) {
        if (address instanceof InetSocketAddress i) {
            return i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
        }
        return address == null ? "" : address.toString();
    }
}
