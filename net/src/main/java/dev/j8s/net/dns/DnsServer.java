package dev.j8s.net.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS over UDP and TCP on one address and port (RFC 1035 4.2; TCP messages carry a two-byte length,
 * RFC 7766). Netty rather than hand-written NIO: the project already runs its servers on it, and it
 * gives the TCP framing, idle timeouts and thread ownership for free. Cluster answers are in-memory
 * reads and are made on the event loop; forwarded questions complete on dnsjava's selector and are
 * written back from there, so no event loop ever waits, and many queries are in flight at once.
 */
final class DnsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int TCP_IDLE_SECONDS = 10;

    private final QueryResponder responder;
    private final EventLoopGroup group;
    private Channel udp;
    private Channel tcp;

    DnsServer(QueryResponder responder) {
        this.responder = responder;
        this.group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("j8s-dns", true),
                NioIoHandler.newFactory());
    }

    /**
     * Serves on {@code address} (port 0: one free port for both UDP and TCP); once that works, stops
     * serving where it served before (when it fails, it goes on serving there). Returns the address bound.
     */
    synchronized InetSocketAddress bind(InetSocketAddress address) throws InterruptedException, BindException {
        BindException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            Channel u = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new UdpHandler()).bind(address).await().channel();
            if (!u.isActive()) {
                throw bindFailure(address, "udp");
            }
            InetSocketAddress bound = (InetSocketAddress) u.localAddress();
            var t = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new TcpInitializer()).bind(bound).await();
            if (t.isSuccess()) {
                closeChannels();
                udp = u;
                tcp = t.channel();
                log.info("cluster DNS serving on {} (udp+tcp)", bound);
                return bound;
            }
            u.close().await();
            last = bindFailure(bound, "tcp");
            if (address.getPort() != 0) {
                break;
            }
        }
        throw last;
    }

    synchronized InetSocketAddress address() {
        return udp == null ? null : (InetSocketAddress) udp.localAddress();
    }

    private static BindException bindFailure(InetSocketAddress address, String protocol) {
        return new BindException("cannot listen for DNS on " + address + "/" + protocol);
    }

    private void closeChannels() throws InterruptedException {
        if (udp != null) {
            udp.close().await();
            udp = null;
        }
        if (tcp != null) {
            tcp.close().await();
            tcp = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeChannels();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            byte[] query = ByteBufUtil.getBytes(packet.content());
            InetSocketAddress sender = packet.sender();
            responder.respond(query, true).thenAccept(response ->
                    ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response), sender)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // An ICMP port unreachable for an earlier answer and the like: the socket stays open.
            log.debug("dns udp: {}", cause.toString());
        }
    }

    private final class TcpInitializer extends ChannelInitializer<SocketChannel> {
        @Override
        protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS),
                    new LengthFieldBasedFrameDecoder(QueryResponder.TCP_MAX + 2, 0, 2, 0, 2),
                    new LengthFieldPrepender(2),
                    new TcpHandler());
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] query = ByteBufUtil.getBytes(frame);
            // Answers may leave out of order; clients match them by id (RFC 7766 7).
            responder.respond(query, false).thenAccept(response ->
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(response)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("dns tcp: {}", cause.toString());
            ctx.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
