package dev.j8s.agent.server;

import java.io.InputStream;
import java.io.OutputStream;

/** One forwarded TCP connection into a pod. */
public interface PortConnection extends AutoCloseable {

    InputStream input();

    OutputStream output();

    /** The client finished sending (half-close): the pod side reads EOF, its answers still flow back. */
    void closeOutput();

    @Override
    void close();
}
