package dev.j8s.apiserver.http;

/** Where a handler sends its answer: one whole response, or a stream of chunks (watch, logs). */
public interface Responder {

    void send(ApiResponse response);

    /** Starts a chunked response; the returned stream is written from any thread. */
    ResponseStream stream(int status, String contentType);

    /**
     * The client's connection, for handlers that relay it to a node agent themselves (logs, exec, port-forward);
     * null when the request did not come over the network (in-process clients).
     */
    default io.netty.channel.Channel channel() {
        return null;
    }

    /** A streamed response body. */
    interface ResponseStream {
        /** Writes and flushes one chunk; returns false once the client is gone. */
        boolean write(byte[] chunk);

        void end();

        /** Runs {@code action} once when the connection closes (client went away or {@link #end()}). */
        void onClose(Runnable action);

        boolean isOpen();
    }
}
