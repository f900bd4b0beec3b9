package dev.j8s.controllers.disruption;

/**
 * Why a disruption budget's status cannot be computed (no controller for a pod, a controller kind
 * without a scale subresource, an unparsable percentage). Its message becomes the SyncFailed
 * condition's message, as in Kubernetes.
 */
final class BudgetSyncException extends RuntimeException {

    BudgetSyncException(String message) {
        super(message);
    }

    BudgetSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
