package dev.j8s.scheduler.plugins.defaultbinder;

import dev.j8s.scheduler.Binder;
import dev.j8s.scheduler.framework.BindPlugin;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.Status;

/** Binds through the {@link Binder} (in production: a POST to the pod's binding subresource). */
public final class DefaultBinder implements BindPlugin {

    public static final String NAME = "DefaultBinder";

    private final Binder binder;

    public DefaultBinder(Binder binder) {
        this.binder = binder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status bind(CycleState state, PodInfo pod, String nodeName) {
        try {
            binder.bind(pod.pod(), nodeName);
            return Status.SUCCESS;
        } catch (Binder.BindException e) {
            return Status.error(e.getMessage());
        }
    }
}
