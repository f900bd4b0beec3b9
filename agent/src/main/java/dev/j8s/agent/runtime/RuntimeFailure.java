package dev.j8s.agent.runtime;

/** A runtime call that failed (CRI's gRPC error): the kubelet reports it and retries the pod later. */
public class RuntimeFailure extends RuntimeException {

    public RuntimeFailure(String message) {
        super(message);
    }

    public RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
