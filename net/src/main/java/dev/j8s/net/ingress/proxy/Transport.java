package dev.j8s.net.ingress.proxy;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The socket layer the ingress runs on: io_uring where the kernel allows it, else epoll, else NIO.
 * io_uring submits a loop iteration's reads and writes in one system call instead of one each, which
 * on a proxy (two reads and two writes per request) is most of the CPU it spends outside the HTTP codec.
 * Kernels or sandboxes that refuse io_uring (seccomp, {@code kernel.io_uring_disabled}) get epoll.
 */
record Transport(String name, IoHandlerFactory ioHandlerFactory, Class<? extends ServerChannel> serverChannel,
                 Class<? extends SocketChannel> clientChannel) {

    /** Set to {@code epoll} or {@code nio} to skip the better transports (for comparing them). */
    static final String PROPERTY = "j8s.ingress.transport";

    static Transport best() {
        String wanted = System.getProperty(PROPERTY, "io_uring");
        if (wanted.equals("io_uring") && IoUring.isAvailable()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                    IoUringSocketChannel.class);
        }
        if (!wanted.equals("nio") && Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
    }
}
