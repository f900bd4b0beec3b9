package dev.j8s.net.dns;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A stand-in upstream resolver on 127.0.0.1 (UDP): every A question gets {@link #ANSWER}, anything else NXDOMAIN. */
final class FakeUpstream implements AutoCloseable {

    static final String ANSWER = "192.0.2.99";

    private final DatagramSocket socket;
    private final Thread thread;
    final AtomicInteger queries = new AtomicInteger();

    FakeUpstream() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        thread = Thread.ofPlatform().name("fake-upstream-dns").daemon().start(this::serve);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                queries.incrementAndGet();
                Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                Message r = new Message(q.getHeader().getID());
                r.getHeader().setFlag(Flags.QR);
                r.getHeader().setFlag(Flags.RA);
                r.addRecord(q.getQuestion(), Section.QUESTION);
                if (q.getQuestion().getType() == Type.A) {
                    r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60,
                            InetAddress.getByName(ANSWER)), Section.ANSWER);
                } else {
                    r.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] out = r.toWire();
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (java.io.IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
