package dev.j8s.client.transport;

import java.util.List;
import java.util.Map;

/** A complete API response; header names are lower case. */
public record TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
