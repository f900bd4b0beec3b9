package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.time.Duration;

/**
 * postStart and preStop handlers (pkg/kubelet/lifecycle/handlers.go): exec in the container,
 * httpGet against it, or sleep. A handler's failure is its message; success is null.
 */
final class LifecycleHooks {

    private final Prober prober;

    LifecycleHooks(Prober prober) {
        this.prober = prober;
    }

    String postStart(Container container, String containerId, Duration timeout) {
        return container.getLifecycle() == null ? null : run(container.getLifecycle().getPostStart(), container,
                containerId, timeout);
    }

    String preStop(Container container, String containerId, Duration timeout) {
        return container.getLifecycle() == null ? null : run(container.getLifecycle().getPreStop(), container,
                containerId, timeout);
    }

    private String run(LifecycleHandler handler, Container container, String containerId, Duration timeout) {
        if (handler == null) {
            return null;
        }
        Duration bounded = timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(1) : timeout;
        Prober.Result r;
        if (handler.getExec() != null) {
            r = prober.exec(containerId, handler.getExec().getCommand(), bounded);
        } else if (handler.getHttpGet() != null) {
            r = prober.httpGet(handler.getHttpGet(), container, bounded);
        } else if (handler.getSleep() != null) {
            long seconds = Math.min(handler.getSleep().getSeconds(), bounded.toSeconds());
            try {
                Thread.sleep(Duration.ofSeconds(seconds)); // the sleep action is the hook itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        } else {
            return null;
        }
        return r.success() ? null : r.message();
    }
}
