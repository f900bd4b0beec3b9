package dev.j8s.client.events;

/** Who reports an event: the component ("default-scheduler", "kubelet") and, for node agents, the host. */
public record EventSource(String component, String host) {

    public static EventSource of(String component) {
        return new EventSource(component, "");
    }
}
