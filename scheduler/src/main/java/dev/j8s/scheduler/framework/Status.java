package dev.j8s.scheduler.framework;

import java.util.List;

/**
 * The result of a plugin call: a code, the reasons shown to users (each counted separately in the
 * {@link FitError} histogram) and the plugin that produced it.
 */
public record Status(Code code, List<String> reasons, String plugin) {

    public static final Status SUCCESS = new Status(Code.SUCCESS, List.of(), null);
    public static final Status SKIP = new Status(Code.SKIP, List.of(), null);

    public Status {
        reasons = List.copyOf(reasons);
    }

    public static Status unschedulable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE, List.of(reasons), null);
    }

    public static Status unresolvable(String... reasons) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, List.of(reasons), null);
    }

    public static Status error(String reason) {
        return new Status(Code.ERROR, List.of(reason), null);
    }

    public static Status of(Code code, String... reasons) {
        return new Status(code, List.of(reasons), null);
    }

    public Status withPlugin(String name) {
        return plugin != null && plugin.equals(name) ? this : new Status(code, reasons, name);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** Kubernetes' {@code IsRejected}: the pod does not fit (as opposed to an internal error). */
    public boolean isRejected() {
        return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
    }

    /** The reasons joined as Kubernetes' {@code Status.Message()} does. */
    public String message() {
        return String.join(", ", reasons);
    }
}
