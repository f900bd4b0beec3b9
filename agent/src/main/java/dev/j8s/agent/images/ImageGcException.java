package dev.j8s.agent.images;

/** Image garbage collection could not do what its policy asks (no usage figures, not enough freed, failed removals). */
public final class ImageGcException extends RuntimeException {

    public ImageGcException(String message) {
        super(message);
    }

    public ImageGcException(String message, Throwable cause) {
        super(message, cause);
    }
}
