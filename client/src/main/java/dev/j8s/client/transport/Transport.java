package dev.j8s.client.transport;

import java.io.IOException;

/**
 * How requests reach an API server: over HTTPS to a remote server, or in-process to one in the
 * same JVM. Paths are absolute API paths with their query ("/api/v1/namespaces/a/pods?limit=5").
 */
public interface Transport extends AutoCloseable {

    /** Sends one request and returns the whole response, whatever its status. */
    TransportResponse send(TransportRequest request) throws IOException;

    /**
     * Opens a long-running response (a watch: newline-delimited JSON events) and returns as soon as
     * the status and headers are known; the caller reads the body and closes it.
     */
    StreamingResponse stream(TransportRequest request) throws IOException;

    @Override
    default void close() {}
}
