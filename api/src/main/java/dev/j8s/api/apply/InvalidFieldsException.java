package dev.j8s.api.apply;

/** An applied configuration or a managedFields entry that field management cannot interpret. */
public final class InvalidFieldsException extends RuntimeException {
    public InvalidFieldsException(String message) {
        super(message);
    }
}
