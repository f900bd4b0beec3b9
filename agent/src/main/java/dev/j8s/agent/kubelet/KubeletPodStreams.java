package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.agent.runtime.RuntimeFailure;
import dev.j8s.agent.server.ContainerLog;
import dev.j8s.agent.server.ExecRequest;
import dev.j8s.agent.server.ExecSession;
import dev.j8s.agent.server.PodStreams;
import dev.j8s.agent.server.PortConnection;
import dev.j8s.agent.server.StreamException;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The agent API's view of this node's pods (the kubelet's streaming server): log files, exec, attach and
 * port-forward, resolved through the pods bound here and the containers the runtime runs for them.
 */
public final class KubeletPodStreams implements PodStreams {

    private final BiFunction<String, String, Pod> pods;
    private final ContainerRuntime runtime;

    /** @param pods this node's pods by namespace and name (the kubelet's informer cache) */
    public KubeletPodStreams(BiFunction<String, String, Pod> pods, ContainerRuntime runtime) {
        this.pods = pods;
        this.runtime = runtime;
    }

    /**
     * Which attempt's log is read follows the kubelet (validateContainerLogStatus): the running or last exited
     * attempt, and with {@code previous} its lastState (the attempt before, or the exited one a restart waits
     * to replace); a container that never ran answers 400.
     */
    @Override
    public ContainerLog logFile(String namespace, String name, String container, boolean previous)
            throws StreamException {
        Pod pod = pod(namespace, name);
        PodContainers containers = containers(pod);
        ContainerStatus latest = containers.latest(container);
        ContainerStatus chosen = !previous ? latest
                : latest != null && latest.isExited() && willRestart(pod, latest) ? latest
                : containers.previous(container);
        if (chosen == null) {
            if (previous) {
                throw StreamException.badRequest("previous terminated container \"" + container + "\" in pod \""
                        + name + "\" not found");
            }
            throw StreamException.badRequest("container \"" + container + "\" in pod \"" + name
                    + "\" is waiting to start: " + waitingReason(pod, container));
        }
        String id = chosen.id();
        Path path = chosen.logPath();
        return new ContainerLog() {
            @Override
            public Path path() {
                return path;
            }

            @Override
            public boolean running() {
                return runtime.containerStatus(id).map(ContainerStatus::isRunning).orElse(false);
            }
        };
    }

    @Override
    public ExecSession exec(ExecRequest request) throws StreamException {
        ContainerStatus c = running(request);
        try {
            return session(runtime.exec(c.id(), request.command(), request.stdin(), request.tty()));
        } catch (UnsupportedOperationException e) {
            throw new StreamException(400, e.getMessage());
        } catch (RuntimeFailure e) {
            throw new StreamException(500, "error executing command in container: " + e.getMessage());
        }
    }

    /**
     * As the kubelet's GetAttach: the terminal setting comes from the container's spec, not from the request (whether
     * the process runs on a terminal cannot change after it started); stdin goes to the container when it has one.
     */
    @Override
    public ExecSession attach(ExecRequest request) throws StreamException {
        Pod pod = pod(request.namespace(), request.pod());
        ContainerStatus c = running(request);
        boolean tty = java.util.stream.Stream.concat(pod.getSpec().getContainers().stream(),
                        pod.getSpec().getInitContainers().stream())
                .filter(spec -> spec.getName().equals(request.container()))
                .anyMatch(spec -> Boolean.TRUE.equals(spec.getTty()));
        try {
            return session(runtime.attach(c.id(), request.stdin(), tty));
        } catch (UnsupportedOperationException e) {
            throw new StreamException(400, e.getMessage());
        } catch (RuntimeFailure e) {
            throw new StreamException(500, "error attaching to container: " + e.getMessage());
        }
    }

    @Override
    public PortConnection portForward(String namespace, String name, int port) throws StreamException {
        Pod pod = pod(namespace, name);
        PodSandboxStatus sandbox = sandboxes(pod).stream().filter(PodSandboxStatus::ready).findFirst()
                .orElseThrow(() -> StreamException.badRequest("pod " + name + " has no running sandbox"));
        Socket socket;
        try {
            socket = runtime.portForward(sandbox.id(), port);
        } catch (UnsupportedOperationException e) {
            throw new StreamException(400, e.getMessage());
        } catch (IOException | RuntimeFailure e) {
            // The message kubectl prints for a port nothing listens on (the kubelet's portforward.go).
            throw new StreamException(500, "error forwarding port " + port + " to pod " + name + ", uid "
                    + pod.getMetadata().getUid() + ": failed to connect to localhost:" + port
                    + " inside namespace: " + e.getMessage());
        }
        return new SocketConnection(socket);
    }

    private Pod pod(String namespace, String name) throws StreamException {
        Pod pod = pods.apply(namespace, name);
        if (pod == null) {
            throw StreamException.notFound("pod \"" + name + "\" not found in namespace \"" + namespace
                    + "\" on this node");
        }
        return pod;
    }

    private List<PodSandboxStatus> sandboxes(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return runtime.listPodSandboxes().stream().filter(s -> s.config().podUid().equals(uid))
                .sorted(Comparator.comparing(PodSandboxStatus::createdAt).reversed()).toList();
    }

    private PodContainers containers(Pod pod) {
        List<PodSandboxStatus> sandboxes = sandboxes(pod);
        return PodContainers.of(sandboxes.isEmpty() ? List.of() : runtime.listContainers(sandboxes.get(0).id()));
    }

    private ContainerStatus running(ExecRequest request) throws StreamException {
        Pod pod = pod(request.namespace(), request.pod());
        ContainerStatus latest = containers(pod).latest(request.container());
        if (latest == null || !latest.isRunning()) {
            throw StreamException.badRequest("container \"" + request.container() + "\" in pod \"" + request.pod()
                    + "\" is not running");
        }
        return latest;
    }

    /** Whether an exited container is waiting to be started again (its status is then Waiting, lastState it). */
    private static boolean willRestart(Pod pod, ContainerStatus exited) {
        String policy = pod.getSpec().getRestartPolicy();
        boolean init = pod.getSpec().getInitContainers().stream().anyMatch(c -> c.getName().equals(exited.name()));
        if (init) {
            return exited.exitCode() != 0 && !"Never".equals(policy);
        }
        return policy == null || policy.equals("Always") || (policy.equals("OnFailure") && exited.exitCode() != 0);
    }

    private static String waitingReason(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return "ContainerCreating";
        }
        return java.util.stream.Stream.concat(pod.getStatus().getInitContainerStatuses().stream(),
                        pod.getStatus().getContainerStatuses().stream())
                .filter(s -> s.getName().equals(container) && s.getState() != null
                        && s.getState().getWaiting() != null)
                .map(s -> s.getState().getWaiting()).map(ContainerStateWaiting::getReason)
                .filter(r -> r != null && !r.isEmpty()).findFirst().orElse("ContainerCreating");
    }

    private static ExecSession session(ExecProcess p) {
        return new ExecSession() {
            @Override
            public OutputStream stdin() {
                return p.stdin();
            }

            @Override
            public InputStream stdout() {
                return p.stdout();
            }

            @Override
            public InputStream stderr() {
                return p.stderr();
            }

            @Override
            public void resize(int width, int height) {
                p.resize(width, height);
            }

            @Override
            public CompletableFuture<Integer> exitCode() {
                return p.exitCode();
            }

            @Override
            public void close() {
                p.close();
            }
        };
    }

    private record SocketConnection(Socket socket) implements PortConnection {
        @Override
        public InputStream input() {
            try {
                return socket.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public OutputStream output() {
            try {
                return socket.getOutputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void closeOutput() {
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
