package dev.j8s.agent.server;

/**
 * What the agent's HTTPS API needs from the node to serve the kubelet's streaming routes: container log
 * files, exec and attach sessions and connections to pod ports. The kubelet implements it over its runtime.
 * Every method may block (start a process, dial a port); the server calls them on worker threads.
 */
public interface PodStreams {

    /**
     * The CRI-format log file of a container (its previous instance when {@code previous}).
     *
     * @throws StreamException 404 when the pod or container is unknown, 400 when the container has not
     *         started ("container \"x\" in pod \"y\" is waiting to start: ContainerCreating")
     */
    ContainerLog logFile(String namespace, String pod, String container, boolean previous) throws StreamException;

    /** Runs {@code request.command()} in the container. */
    ExecSession exec(ExecRequest request) throws StreamException;

    /** Attaches to the container's main process ({@code request.command()} is empty). */
    ExecSession attach(ExecRequest request) throws StreamException;

    /** Opens a TCP connection to {@code port} inside the pod's network namespace. */
    PortConnection portForward(String namespace, String pod, int port) throws StreamException;
}
