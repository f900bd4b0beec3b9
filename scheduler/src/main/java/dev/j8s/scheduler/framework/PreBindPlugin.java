package dev.j8s.scheduler.framework;

/** Work that must succeed before the bind call (volume provisioning, for example). */
public interface PreBindPlugin extends Plugin {
    Status preBind(CycleState state, PodInfo pod, String nodeName);
}
