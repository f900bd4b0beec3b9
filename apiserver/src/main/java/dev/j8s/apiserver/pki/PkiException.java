package dev.j8s.apiserver.pki;

/** The PKI on disk cannot be used as it is (unreadable files, a CA certificate without its key, ...). */
public final class PkiException extends RuntimeException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
