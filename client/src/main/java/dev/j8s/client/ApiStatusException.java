package dev.j8s.client;

import io.fabric8.kubernetes.api.model.Status;

/**
 * A request the API server refused, with the Kubernetes {@code Status} it answered (code, reason,
 * message, details). Callers branch on the reason, as client-go's {@code apierrors.IsNotFound} does.
 */
public class ApiStatusException extends RuntimeException {

    private final transient Status status;

    public ApiStatusException(Status status) {
        super(status.getCode() + " " + status.getReason() + ": " + status.getMessage());
        this.status = status;
    }

    public Status status() {
        return status;
    }

    public int code() {
        return status.getCode() == null ? 0 : status.getCode();
    }

    public String reason() {
        return status.getReason() == null ? "" : status.getReason();
    }

    public boolean isNotFound() {
        return "NotFound".equals(reason()) || (reason().isEmpty() && code() == 404);
    }

    public boolean isAlreadyExists() {
        return "AlreadyExists".equals(reason());
    }

    /** Optimistic concurrency failed: the resourceVersion (or a precondition) no longer matches. */
    public boolean isConflict() {
        return "Conflict".equals(reason()) || (reason().isEmpty() && code() == 409);
    }

    /** The resourceVersion asked for is older than the server's history (HTTP 410, reason Expired or Gone). */
    public boolean isGone() {
        return code() == 410 || "Expired".equals(reason()) || "Gone".equals(reason());
    }

    public boolean isInvalid() {
        return "Invalid".equals(reason()) || (reason().isEmpty() && code() == 422);
    }
}
