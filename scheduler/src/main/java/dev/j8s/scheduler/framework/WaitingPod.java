package dev.j8s.scheduler.framework;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pod some Permit plugins asked to wait for (Kubernetes' {@code waitingPod}): the binding cycle
 * blocks until every such plugin allows it, one rejects it, or the longest timeout passes.
 */
public final class WaitingPod {

    private final PodInfo pod;
    private final Set<String> pendingPlugins;
    private final Duration timeout;
    private final CompletableFuture<Status> decision = new CompletableFuture<>();

    WaitingPod(PodInfo pod, Set<String> pendingPlugins, Duration timeout) {
        this.pod = pod;
        this.pendingPlugins = new HashSet<>(pendingPlugins);
        this.timeout = timeout;
    }

    public PodInfo pod() {
        return pod;
    }

    public synchronized void allow(String plugin) {
        pendingPlugins.remove(plugin);
        if (pendingPlugins.isEmpty()) {
            decision.complete(Status.SUCCESS);
        }
    }

    public void reject(String plugin, String message) {
        decision.complete(Status.unschedulable(message).withPlugin(plugin));
    }

    /** Blocks the binding thread (never the scheduling thread) until the decision or the timeout. */
    Status await() {
        try {
            return decision.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Status.unschedulable("rejected due to timeout after waiting " + timeout.toSeconds()
                    + "s at plugin " + String.join(",", pendingPlugins));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.error("interrupted while waiting on permit");
        } catch (ExecutionException e) {
            return Status.error(e.getCause().toString());
        }
    }
}
