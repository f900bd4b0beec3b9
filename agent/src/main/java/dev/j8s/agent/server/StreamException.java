package dev.j8s.agent.server;

/** A streaming request the node cannot serve, with the HTTP status the kubelet answers it with. */
public final class StreamException extends Exception {

    private final int status;

    public StreamException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static StreamException notFound(String message) {
        return new StreamException(404, message);
    }

    public static StreamException badRequest(String message) {
        return new StreamException(400, message);
    }

    public int status() {
        return status;
    }
}
