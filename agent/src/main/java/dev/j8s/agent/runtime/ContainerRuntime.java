package dev.j8s.agent.runtime;

import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the kubelet needs from a container runtime, shaped after CRI's RuntimeService so that an
 * adapter over containerd's CRI is a thin translation: a pod runs in a sandbox (RunPodSandbox,
 * StopPodSandbox, RemovePodSandbox), containers are created in it from a {@link ContainerConfig}
 * (CreateContainer), started (StartContainer), stopped with a grace period (StopContainer: SIGTERM,
 * then SIGKILL when the timeout passes), inspected (ContainerStatus, ListContainers) and removed.
 * Probes and hooks of the exec kind go through {@link #execSync}.
 *
 * <p>Runtimes keep their own state: after an agent restart, {@link #listPodSandboxes()} and
 * {@link #listContainers(String)} report what is still there, so the kubelet adopts it instead of
 * starting it again.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The scheme of container IDs, e.g. {@code process} for {@code process://abc}. */
    String name();

    /** The runtime and its version as a node reports it (nodeInfo.containerRuntimeVersion). */
    String version();

    /** Creates (or returns the existing) sandbox of a pod; the sandbox ID is stable for the pod's lifetime. */
    PodSandboxStatus runPodSandbox(PodSandboxConfig config);

    /** Stops every container of the sandbox (SIGKILL) and marks it not ready. */
    void stopPodSandbox(String sandboxId);

    /** Forgets a stopped sandbox and its containers. */
    void removePodSandbox(String sandboxId);

    List<PodSandboxStatus> listPodSandboxes();

    /** Creates a container (not started); returns its ID. */
    String createContainer(String sandboxId, ContainerConfig config);

    void startContainer(String containerId);

    /**
     * Stops a container: SIGTERM to everything it started, then SIGKILL once {@code timeout} has
     * passed; returns when it has exited. Stopping an exited container does nothing.
     */
    void stopContainer(String containerId, Duration timeout);

    void removeContainer(String containerId);

    Optional<ContainerStatus> containerStatus(String containerId);

    /** The containers of a sandbox, every attempt, oldest first. */
    List<ContainerStatus> listContainers(String sandboxId);

    /**
     * Makes {@code image} present as {@code policy} says before a container is created from it (the
     * kubelet's EnsureImageExists): pulls it (with the first of {@code auths} that fits its registry) under
     * Always, or under IfNotPresent when missing; under Never a missing image fails with
     * {@code ErrImageNeverPull}. Failures are {@link ImagePullFailure}s. Runtimes without images (process)
     * have nothing to do.
     */
    default void ensureImage(String image, ImagePullPolicy policy, List<RegistryAuth> auths) {}

    /**
     * The runtime's images, for image garbage collection; empty for runtimes that have none (process: commands
     * run from the host's own files).
     */
    default Optional<ImageService> images() {
        return Optional.empty();
    }

    /** Runs a command in the container's context (its env, working directory, mounts) and waits for it. */
    ExecResult execSync(String containerId, List<String> command, Duration timeout);

    /**
     * Runs a command in the container with its streams attached to the caller (CRI's Exec): the container's
     * env, working directory and mounts; on a terminal when {@code tty}.
     *
     * @throws UnsupportedOperationException when the runtime cannot stream a command
     */
    default ExecProcess exec(String containerId, List<String> command, boolean tty) {
        throw new UnsupportedOperationException("exec is not supported by the " + name() + " runtime");
    }

    /**
     * As {@link #exec(String, List, boolean)}, saying whether the client sends stdin: without, the command's stdin
     * is empty from the start (on a terminal, closing its input later would hang it up).
     */
    default ExecProcess exec(String containerId, List<String> command, boolean stdin, boolean tty) {
        return exec(containerId, command, tty);
    }

    /**
     * Attaches to the container's main process (CRI's Attach).
     *
     * @throws UnsupportedOperationException when the runtime's containers have no streams to attach to
     */
    default ExecProcess attach(String containerId, boolean stdin, boolean tty) {
        throw new UnsupportedOperationException("attach is not supported by the " + name() + " runtime");
    }

    /**
     * Connects to {@code port} in the sandbox's network namespace (CRI's PortForward).
     *
     * @throws java.io.IOException when nothing accepts the connection
     * @throws UnsupportedOperationException when the runtime cannot reach its pods' ports
     */
    default Socket portForward(String sandboxId, int port) throws java.io.IOException {
        throw new UnsupportedOperationException("port-forward is not supported by the " + name() + " runtime");
    }

    /**
     * CPU and memory counters of every running container (CRI's ListContainerStats), for metrics.k8s.io.
     * Runtimes that cannot measure their containers return none.
     */
    default List<ContainerUsage> containerUsage() {
        return List.of();
    }

    /**
     * The node's pod CIDR, once it has one (CRI's UpdateRuntimeConfig): runtimes that give pods addresses of
     * their own configure their pod network from it. Runtimes whose pods share the node's network ignore it.
     */
    default void updatePodCidr(String podCidr) {}

    /** Whether pods get addresses from the node's pod CIDR (false: they share the node's network). */
    default boolean usesPodCidr() {
        return false;
    }

    @Override
    void close();
}
