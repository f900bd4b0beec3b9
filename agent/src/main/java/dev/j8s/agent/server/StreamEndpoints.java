package dev.j8s.agent.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** Upgrades exec, attach and port-forward requests to their streaming protocols (on the event loop). */
final class StreamEndpoints {

    static final String PORT_FORWARD_PROTOCOL = "portforward.k8s.io";
    private static final int MAX_FRAME_BYTES = 1024 * 1024;

    private StreamEndpoints() {}

    static void exec(Channel channel, FullHttpRequest request, boolean attach, String ns, String pod, String container,
                     Map<String, List<String>> query, PodStreams streams, ExecutorService workers) {
        List<String> command = query.getOrDefault("command", List.of());
        boolean tty = LogOptions.flag(query, "tty");
        ExecRequest exec = new ExecRequest(ns, pod, container, command, LogOptions.flag(query, "input")
                || LogOptions.flag(query, "stdin"), LogOptions.flag(query, "output") || LogOptions.flag(query, "stdout"),
                !tty && (LogOptions.flag(query, "error") || LogOptions.flag(query, "stderr")), tty);
        if (!attach && command.isEmpty()) {
            AgentRouter.reply(channel, request, 400, "you must specify at least 1 command");
            return;
        }
        if (!exec.stdin() && !exec.stdout() && !exec.stderr()) {
            AgentRouter.reply(channel, request, 400, "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        ExecRunner.SessionStarter starter = attach ? streams::attach : streams::exec;
        if (isSpdy(request)) {
            // kubectl 1.32 tries the WebSocket first and falls back to SPDY only when that upgrade fails.
            List<String> offered = request.headers().getAll("X-Stream-Protocol-Version").stream()
                    .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).toList();
            if (!offered.contains(ExecSpdy.PROTOCOL)) {
                AgentRouter.reply(channel, request, 403, "unable to upgrade: unable to negotiate protocol: client "
                        + "supports " + offered + ", server supports [" + ExecSpdy.PROTOCOL + "]");
                return;
            }
            switchToSpdy(channel, ExecSpdy.PROTOCOL).addLast(new ExecSpdy(exec, starter, workers));
            return;
        }
        if (!isWebSocket(request)) {
            AgentRouter.reply(channel, request, 400, "Upgrade request required");
            return;
        }
        WebSocketServerHandshaker handshaker = handshaker(request, ExecWebSocket.SUBPROTOCOLS);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return;
        }
        channel.pipeline().remove(AgentRouter.class);
        ExecWebSocket.open(channel, request, handshaker, exec, starter, workers);
    }

    static void portForward(Channel channel, FullHttpRequest request, String ns, String pod, PodStreams streams,
                            ExecutorService workers) {
        if (isWebSocket(request)) {
            WebSocketServerHandshaker handshaker = handshaker(request, WebSocketTunnel.PREFIX + PORT_FORWARD_PROTOCOL);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                return;
            }
            channel.pipeline().remove(AgentRouter.class);
            handshaker.handshake(channel, request);
            channel.pipeline().addLast(new WebSocketTunnel());
            addSpdyCodec(channel.pipeline()).addLast(new PortForwardSpdy(ns, pod, streams, workers));
        } else if (isSpdy(request)) {
            switchToSpdy(channel, PORT_FORWARD_PROTOCOL).addLast(new PortForwardSpdy(ns, pod, streams, workers));
        } else {
            AgentRouter.reply(channel, request, 400, "Upgrade request required");
        }
    }

    /** Answers a SPDY/3.1 upgrade with 101 and the chosen protocol; the returned pipeline then speaks SPDY. */
    private static ChannelPipeline switchToSpdy(Channel channel, String protocol) {
        FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.SWITCHING_PROTOCOLS);
        switching.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        switching.headers().set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
        switching.headers().set("X-Stream-Protocol-Version", protocol);
        channel.writeAndFlush(switching);
        ChannelPipeline p = channel.pipeline();
        p.remove(AgentRouter.class);
        p.remove(HttpObjectAggregator.class);
        p.remove(HttpServerCodec.class);
        return addSpdyCodec(p);
    }

    private static boolean isSpdy(FullHttpRequest request) {
        return request.headers().get(HttpHeaderNames.UPGRADE, "").equalsIgnoreCase("SPDY/3.1");
    }

    /** SPDY/3.1 framing (zlib header blocks) and the server side of its session: stream ids, flow control, pings. */
    private static ChannelPipeline addSpdyCodec(ChannelPipeline p) {
        p.addLast(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
        p.addLast(new SpdySessionHandler(SpdyVersion.SPDY_3_1, true));
        return p;
    }

    private static boolean isWebSocket(FullHttpRequest request) {
        return request.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static WebSocketServerHandshaker handshaker(FullHttpRequest request, String subprotocols) {
        String url = "wss://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
        return new WebSocketServerHandshakerFactory(url, subprotocols, false, MAX_FRAME_BYTES).newHandshaker(request);
    }
}
