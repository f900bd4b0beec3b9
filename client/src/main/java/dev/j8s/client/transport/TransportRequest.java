package dev.j8s.client.transport;

/**
 * One API request.
 *
 * @param pathAndQuery the absolute path with its encoded query string
 * @param contentType  the body's media type, null when there is no body
 * @param body         the body bytes, empty when there is none
 */
public record TransportRequest(String method, String pathAndQuery, String contentType, byte[] body) {

    private static final byte[] NONE = new byte[0];

    public TransportRequest {
        body = body == null ? NONE : body;
    }

    public static TransportRequest get(String pathAndQuery) {
        return new TransportRequest("GET", pathAndQuery, null, NONE);
    }
}
