package dev.j8s.agent.kubelet;

/**
 * The result of one probe of one container and how it moves with each check (pkg/kubelet/prober
 * worker): the result flips only after successThreshold consecutive successes or failureThreshold
 * consecutive failures. Readiness starts failed (not ready until a success), liveness starts
 * successful, startup starts failed (not started).
 */
public record ProbeState(boolean success, int consecutive, boolean lastCheckSucceeded) {

    public enum Kind { LIVENESS, READINESS, STARTUP }

    public static ProbeState initial(Kind kind) {
        return new ProbeState(kind == Kind.LIVENESS, 0, kind == Kind.LIVENESS);
    }

    /** The state after one more check. */
    public ProbeState next(boolean checkSucceeded, int successThreshold, int failureThreshold) {
        int run = checkSucceeded == lastCheckSucceeded ? consecutive + 1 : 1;
        boolean result = success;
        if (checkSucceeded && run >= Math.max(1, successThreshold)) {
            result = true;
        } else if (!checkSucceeded && run >= Math.max(1, failureThreshold)) {
            result = false;
        }
        return new ProbeState(result, run, checkSucceeded);
    }
}
