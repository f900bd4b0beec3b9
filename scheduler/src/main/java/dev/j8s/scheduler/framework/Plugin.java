package dev.j8s.scheduler.framework;

/**
 * A scheduler plugin (Kubernetes' {@code framework.Plugin}). A plugin implements only the
 * extension-point interfaces it needs; the {@link Framework} calls them in profile order.
 */
public interface Plugin {
    String name();
}
