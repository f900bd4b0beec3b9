package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the liveness, readiness and startup probes of running containers, one periodic worker per
 * probe and container (pkg/kubelet/prober/worker.go): the first check after initialDelaySeconds,
 * then every periodSeconds. While a startup probe has not succeeded the others do not run; once it
 * has, it stops. When a result flips, the pod's worker is told so it acts (restart on liveness
 * failure, Ready flips on readiness).
 */
final class ProbeManager implements AutoCloseable {

    private final Prober prober;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("j8s-kubelet-probe-", 0).daemon().factory());
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();

    ProbeManager(Prober prober, Consumer<String> onChange) {
        this.prober = prober;
        this.onChange = onChange;
    }

    /** Starts the workers of a running container's probes (once per container ID). */
    void ensure(String podKey, Container container, String containerId) {
        ensure(podKey, container, containerId, null);
    }

    /** As above, for a pod with its own network at {@code podIp} (HTTP and TCP probes go there). */
    void ensure(String podKey, Container container, String containerId, String podIp) {
        start(podKey, container, containerId, ProbeState.Kind.STARTUP, container.getStartupProbe(), podIp);
        start(podKey, container, containerId, ProbeState.Kind.LIVENESS, container.getLivenessProbe(), podIp);
        start(podKey, container, containerId, ProbeState.Kind.READINESS, container.getReadinessProbe(), podIp);
    }

    /** Stops the workers of every container not in {@code running}. */
    void retain(Set<String> running) {
        workers.entrySet().removeIf(e -> {
            if (!running.contains(e.getValue().containerId)) {
                e.getValue().future.cancel(false);
                return true;
            }
            return false;
        });
    }

    /** Ready: no readiness probe, or it succeeded (and the container has started). */
    boolean ready(Container container, String containerId) {
        Worker w = workers.get(key(containerId, ProbeState.Kind.READINESS));
        boolean readiness = container.getReadinessProbe() == null || (w != null && w.state.success());
        return readiness && started(container, containerId);
    }

    /** Started: no startup probe, or it succeeded. */
    boolean started(Container container, String containerId) {
        if (container.getStartupProbe() == null) {
            return true;
        }
        Worker w = workers.get(key(containerId, ProbeState.Kind.STARTUP));
        return w != null && w.state.success();
    }

    /** Why the container must be restarted (liveness or startup probe failed), or null. */
    String failure(String containerId) {
        for (ProbeState.Kind kind : new ProbeState.Kind[] {ProbeState.Kind.LIVENESS, ProbeState.Kind.STARTUP}) {
            Worker w = workers.get(key(containerId, kind));
            if (w != null && w.failedForGood()) {
                return (kind == ProbeState.Kind.LIVENESS ? "Liveness" : "Startup") + " probe failed: " + w.message;
            }
        }
        return null;
    }

    private void start(String podKey, Container container, String containerId, ProbeState.Kind kind, Probe probe,
                       String podIp) {
        if (probe == null) {
            return;
        }
        workers.computeIfAbsent(key(containerId, kind), k -> {
            Worker w = new Worker(podKey, container, containerId, kind, probe, podIp);
            long delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
            long period = probe.getPeriodSeconds() == null ? 10 : Math.max(1, probe.getPeriodSeconds());
            w.future = executor.scheduleWithFixedDelay(w::check, delay * 1000, period * 1000, TimeUnit.MILLISECONDS);
            return w;
        });
    }

    private static String key(String containerId, ProbeState.Kind kind) {
        return containerId + "/" + kind;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private final class Worker {
        final String podKey;
        final Container container;
        final String containerId;
        final ProbeState.Kind kind;
        final Probe probe;
        final String podIp;
        volatile ProbeState state;
        volatile String message = "";
        volatile ScheduledFuture<?> future;

        Worker(String podKey, Container container, String containerId, ProbeState.Kind kind, Probe probe, String podIp) {
            this.podIp = podIp;
            this.podKey = podKey;
            this.container = container;
            this.containerId = containerId;
            this.kind = kind;
            this.probe = probe;
            this.state = ProbeState.initial(kind);
        }

        boolean failedForGood() {
            if (kind == ProbeState.Kind.LIVENESS) {
                return !state.success();
            }
            // A startup probe that reached its failure threshold without ever succeeding.
            return kind == ProbeState.Kind.STARTUP && !state.success() && !state.lastCheckSucceeded()
                    && state.consecutive() >= threshold(probe.getFailureThreshold(), 3);
        }

        void check() {
            try {
                if (kind != ProbeState.Kind.STARTUP && !started(container, containerId)) {
                    return;
                }
                if (kind == ProbeState.Kind.STARTUP && state.success()) {
                    return;
                }
                Prober.Result r = prober.check(probe, container, containerId, podIp);
                ProbeState before = state;
                state = before.next(r.success(), threshold(probe.getSuccessThreshold(), 1),
                        threshold(probe.getFailureThreshold(), 3));
                if (!r.success()) {
                    message = r.message();
                }
                if (before.success() != state.success() || failedForGood()) {
                    onChange.accept(podKey);
                }
            } catch (RuntimeException e) {
                message = e.toString();
            }
        }
    }

    private static int threshold(Integer value, int fallback) {
        return value == null || value < 1 ? fallback : value;
    }
}
