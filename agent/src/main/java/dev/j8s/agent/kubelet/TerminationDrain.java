package dev.j8s.agent.kubelet;

import dev.j8s.client.time.Scheduler;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Zero-downtime deletion: a pod that was Ready keeps serving for a short drain delay after its deletion
 * before its containers see preStop and SIGTERM. The EndpointSlice controller marks the pod's endpoints
 * terminating (ready=false) as soon as metadata.deletionTimestamp is set, and the service proxy and the
 * ingress stop sending it new requests once that reaches them; the delay covers that propagation, as the
 * {@code preStop: sleep} hooks people add to Kubernetes pods for the same reason do. The delay comes out
 * of the pod's grace period, never on top of it.
 */
final class TerminationDrain {

    private final Duration configured;
    private final Scheduler scheduler;

    /** {@code configured} zero disables draining. */
    TerminationDrain(Duration configured, Scheduler scheduler) {
        this.configured = configured;
        this.scheduler = scheduler;
    }

    /**
     * How long a pod being deleted with {@code grace} drains: the configured delay, capped by the grace
     * period; nothing for a pod that was not Ready (no endpoint sends it traffic) or a zero grace period
     * (a forced deletion asks for no waiting).
     */
    static Duration delay(Pod pod, Duration configured, Duration grace) {
        if (configured.isZero() || configured.isNegative() || grace.isZero() || !wasReady(pod)) {
            return Duration.ZERO;
        }
        return configured.compareTo(grace) < 0 ? configured : grace;
    }

    /** Waits out the pod's drain delay on the scheduler's clock; returns how long it drained. */
    Duration await(Pod pod, Duration grace) throws InterruptedException {
        Duration d = delay(pod, configured, grace);
        if (d.isZero()) {
            return d;
        }
        CountDownLatch done = new CountDownLatch(1);
        Scheduler.Cancellable timer = scheduler.schedule(d, done::countDown);
        try {
            done.await();
        } finally {
            timer.cancel();
        }
        return d;
    }

    static boolean wasReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
