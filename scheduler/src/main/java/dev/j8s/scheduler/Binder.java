package dev.j8s.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Writes the scheduling decision: in production a {@code pods/binding} create through the client.
 * Called on a binding thread, never on the scheduling thread, so it may block on the network.
 */
public interface Binder {

    /** A binding the API refused or could not be reached for; the pod is retried with backoff. */
    final class BindException extends Exception {
        public BindException(String message, Throwable cause) {
            super(message, cause);
        }

        public BindException(String message) {
            super(message);
        }
    }

    void bind(Pod pod, String nodeName) throws BindException;
}
