package dev.j8s.store;

/** Base of the store's domain exceptions. Unchecked: callers map them to API Status codes. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
