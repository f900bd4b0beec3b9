package dev.j8s.store;

/** Thrown when the requested revision has been compacted. */
public class CompactedException extends StoreException {
    public CompactedException(String message) {
        super(message);
    }
}
