package dev.j8s.client.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A response whose body arrives over time (a watch). Closing it ends the request and unblocks a
 * reader waiting in {@link InputStream#read}.
 */
public record StreamingResponse(int status, Map<String, List<String>> headers, InputStream body)
        implements AutoCloseable {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
