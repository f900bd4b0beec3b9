package dev.j8s.net.ingress.tls;

/** A {@code kubernetes.io/tls} Secret whose certificate or key cannot be used. */
public final class InvalidTlsSecretException extends Exception {
    public InvalidTlsSecretException(String message) {
        super(message);
    }
}
