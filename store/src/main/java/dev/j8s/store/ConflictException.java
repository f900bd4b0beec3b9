package dev.j8s.store;

/** Thrown when the key's revision differs from the expected one. */
public class ConflictException extends StoreException {
    public ConflictException(String message) {
        super(message);
    }
}
