package dev.j8s.agent.cri;

import dev.j8s.agent.cri.v1.AttachRequest;
import dev.j8s.agent.cri.v1.AuthConfig;
import dev.j8s.agent.cri.v1.Container;
import dev.j8s.agent.cri.v1.ContainerFilter;
import dev.j8s.agent.cri.v1.ContainerMetadata;
import dev.j8s.agent.cri.v1.ImageSpec;
import dev.j8s.agent.cri.v1.KeyValue;
import dev.j8s.agent.cri.v1.LinuxContainerConfig;
import dev.j8s.agent.cri.v1.LinuxContainerResources;
import dev.j8s.agent.cri.v1.PodSandbox;
import dev.j8s.agent.cri.v1.PodSandboxFilter;
import dev.j8s.agent.cri.v1.PodSandboxMetadata;
import dev.j8s.agent.cri.v1.PodSandboxState;
import dev.j8s.agent.cri.v1.PodSandboxStateValue;
import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ExecResult;
import dev.j8s.agent.runtime.ImagePullFailure;
import dev.j8s.agent.runtime.ImagePullPolicy;
import dev.j8s.agent.runtime.Mount;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.agent.runtime.RegistryAuth;
import dev.j8s.agent.runtime.Resources;
import dev.j8s.agent.runtime.RuntimeFailure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The kubelet's runtime over a CRI v1 runtime (containerd): a pod is a CRI pod sandbox (pause container,
 * network namespace on the pod bridge), containers are CRI containers labelled as the kubelet labels them
 * ({@code io.kubernetes.pod.name/namespace/uid}, {@code io.kubernetes.container.name}), so that an agent
 * restarted on the same runtime finds its sandboxes and containers again by listing them. Containers
 * outlive the agent: closing this runtime only closes the connection.
 */
public final class CriRuntime implements ContainerRuntime {

    /** CPU shares of a container without a CPU request (the kernel's minimum, as the kubelet's MinShares). */
    private static final long MIN_SHARES = 2;

    private final CriClient cri;
    private final boolean ownsClient;
    private final String version;
    private final Consumer<String> beforePull;
    private final CriImages images;
    private final CriStreamClient streams = new CriStreamClient();

    /** A runtime over {@code cri}; {@code ownsClient} closes it with the runtime. */
    public CriRuntime(CriClient cri, boolean ownsClient) {
        this(cri, ownsClient, registry -> {});
    }

    /**
     * As above; {@code beforePull} is told the registry (host:port) of every image about to be pulled, so
     * that a managed containerd can be configured for it first (plain HTTP for registries on loopback).
     */
    public CriRuntime(CriClient cri, boolean ownsClient, Consumer<String> beforePull) {
        this.cri = cri;
        this.ownsClient = ownsClient;
        this.beforePull = beforePull;
        this.images = new CriImages(cri);
        var v = call(cri::version);
        this.version = v.getRuntimeName() + "://" + v.getRuntimeVersion().replaceFirst("^v", "");
    }

    @Override
    public String name() {
        return "containerd";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public PodSandboxStatus runPodSandbox(PodSandboxConfig config) {
        // Found by the pod UID label, so the kubelet's sync of every pod each second costs two small calls.
        List<PodSandbox> ready = call(() -> cri.listPodSandbox(PodSandboxFilter.newBuilder()
                .putLabelSelector(CriStatuses.POD_UID, config.podUid())
                .setState(PodSandboxStateValue.newBuilder().setState(PodSandboxState.SANDBOX_READY))
                .build()));
        Optional<PodSandboxStatus> existing = ready.stream()
                .max(Comparator.comparingLong(PodSandbox::getCreatedAt))
                .map(s -> sandboxStatusOrNull(s.getId()))
                .filter(s -> s != null && s.ready());
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = call(() -> cri.runPodSandbox(sandboxConfig(config), ""));
        return sandboxStatus(id);
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        ignoringNotFound(() -> cri.stopPodSandbox(sandboxId));
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        ignoringNotFound(() -> cri.removePodSandbox(sandboxId));
    }

    /** Every sandbox the runtime holds for pods (not those of other CRI clients without a pod UID). */
    @Override
    public List<PodSandboxStatus> listPodSandboxes() {
        List<PodSandbox> sandboxes = call(() -> cri.listPodSandbox(PodSandboxFilter.getDefaultInstance()));
        return sandboxes.stream()
                .filter(s -> !s.getMetadata().getUid().isEmpty())
                .sorted(Comparator.comparingLong(PodSandbox::getCreatedAt))
                .map(s -> sandboxStatusOrNull(s.getId()))
                .filter(s -> s != null)
                .toList();
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig config) {
        PodSandboxStatus sandbox = sandboxStatus(sandboxId);
        var request = dev.j8s.agent.cri.v1.ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(config.name()).setAttempt(config.attempt()))
                .setImage(ImageSpec.newBuilder().setImage(config.image()))
                .addAllCommand(config.command())
                .addAllArgs(config.args())
                .setWorkingDir(config.workingDir())
                .setStdin(config.stdio().stdin())
                .setStdinOnce(config.stdio().stdinOnce())
                .setTty(config.stdio().tty())
                .setLogPath(relativeLogPath(sandbox.config().logDirectory(), config))
                .setLinux(LinuxContainerConfig.newBuilder().setResources(linuxResources(config.resources())))
                .putAllLabels(config.labels())
                .putLabels(CriStatuses.POD_UID, sandbox.config().podUid())
                .putLabels(CriStatuses.POD_NAME, sandbox.config().name())
                .putLabels(CriStatuses.POD_NAMESPACE, sandbox.config().namespace())
                .putLabels(CriStatuses.CONTAINER_NAME, config.name())
                .putLabels(CriStatuses.SANDBOX_LABEL, sandboxId);
        config.env().forEach((k, v) -> request.addEnvs(KeyValue.newBuilder().setKey(k).setValue(v)));
        for (Mount m : config.mounts()) {
            request.addMounts(dev.j8s.agent.cri.v1.Mount.newBuilder().setHostPath(m.hostPath().toString())
                    .setContainerPath(m.containerPath()).setReadonly(m.readOnly()));
        }
        return call(() -> cri.createContainer(sandboxId, request.build(), sandboxConfig(sandbox.config())));
    }

    @Override
    public void startContainer(String containerId) {
        call(() -> cri.startContainer(containerId));
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        ignoringNotFound(() -> cri.stopContainer(containerId, timeout));
    }

    @Override
    public void removeContainer(String containerId) {
        ignoringNotFound(() -> cri.removeContainer(containerId));
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        try {
            return Optional.of(CriStatuses.container(cri.containerStatus(containerId).getStatus(), null));
        } catch (CriException.NotFound e) {
            return Optional.empty();
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }

    @Override
    public List<ContainerStatus> listContainers(String sandboxId) {
        List<Container> containers = call(() -> cri.listContainers(
                ContainerFilter.newBuilder().setPodSandboxId(sandboxId).build()));
        return containers.stream()
                .sorted(Comparator.comparingInt((Container c) -> c.getMetadata().getAttempt())
                        .thenComparingLong(Container::getCreatedAt))
                .map(c -> containerStatus(c.getId()).orElse(null))
                .filter(c -> c != null)
                .map(c -> c.sandboxId().isEmpty() ? withSandbox(c, sandboxId) : c)
                .toList();
    }

    @Override
    public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
        try {
            var r = cri.execSync(containerId, command, timeout);
            return new ExecResult(r.exitCode(), r.stdoutText(), r.stderrText(), false);
        } catch (CriException.Timeout e) {
            return new ExecResult(-1, "", "", true);
        } catch (CriException e) {
            // containerd reports an exec that outlived its timeout as an error naming the timeout.
            if (e.getMessage().contains("timeout") && e.getMessage().contains("exceeded")) {
                return new ExecResult(-1, "", "", true);
            }
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }

    /**
     * CRI Exec: the runtime runs the command with the container's process spec and serves its streams on the URL
     * it returns, where a terminal follows the client's size (resize stream).
     */
    @Override
    public ExecProcess exec(String containerId, List<String> command, boolean stdin, boolean tty) {
        URI url = call(() -> cri.exec(dev.j8s.agent.cri.v1.ExecRequest.newBuilder().setContainerId(containerId)
                .addAllCmd(command).setTty(tty).setStdin(stdin).setStdout(true).setStderr(!tty).build()));
        return streams.open(url, new CriStreamSession.Streams(stdin, true, !tty, tty));
    }

    @Override
    public ExecProcess exec(String containerId, List<String> command, boolean tty) {
        return exec(containerId, command, true, tty);
    }

    /**
     * CRI Attach: the container's output from now on, and its stdin when it was created with one (containerd drops
     * what an attach sends to a container without stdin). {@code tty} must be the container's own setting (a
     * TTY-ness cannot change after start); with it, output is one stream and resizes reach the container's console.
     */
    @Override
    public ExecProcess attach(String containerId, boolean stdin, boolean tty) {
        URI url = call(() -> cri.attach(AttachRequest.newBuilder().setContainerId(containerId).setStdin(stdin)
                .setStdout(true).setStderr(!tty).setTty(tty).build()));
        return streams.open(url, new CriStreamSession.Streams(stdin, true, !tty, tty));
    }

    /** A connection to the pod's IP from the host: the pod bridge routes it into the sandbox's netns. */
    @Override
    public Socket portForward(String sandboxId, int port) throws java.io.IOException {
        PodSandboxStatus sandbox = sandboxStatus(sandboxId);
        if (sandbox.ip() == null) {
            throw new java.io.IOException("pod sandbox " + sandboxId + " has no IP");
        }
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(sandbox.ip(), port), 5_000);
        return socket;
    }

    @Override
    public void ensureImage(String image, ImagePullPolicy policy, List<RegistryAuth> auths) {
        boolean present;
        try {
            present = cri.imageStatus(image).isPresent();
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
        if (policy == ImagePullPolicy.NEVER) {
            if (!present) {
                throw new ImagePullFailure(image, "ErrImageNeverPull",
                        "Container image \"" + image + "\" is not present with pull policy of Never", null);
            }
            return;
        }
        if (present && policy == ImagePullPolicy.IF_NOT_PRESENT) {
            return;
        }
        AuthConfig auth = auths.stream().filter(a -> a.matches(image)).findFirst().map(CriRuntime::authConfig)
                .orElse(null);
        try {
            beforePull.accept(RegistryAuth.registryOf(image));
            cri.pullImage(image, auth, null);
        } catch (CriException e) {
            throw new ImagePullFailure(image, "ErrImagePull", pullMessage(e), e);
        }
    }

    @Override
    public Optional<dev.j8s.agent.runtime.ImageService> images() {
        return Optional.of(images);
    }

    /** containerd's ListContainerStats: its cgroup counters of every container (running ones have stats). */
    @Override
    public List<dev.j8s.agent.runtime.ContainerUsage> containerUsage() {
        var stats = call(() -> cri.listContainerStats(dev.j8s.agent.cri.v1.ContainerStatsFilter.getDefaultInstance()));
        return stats.stream()
                .filter(s -> s.hasCpu() || s.hasMemory())
                .map(s -> new dev.j8s.agent.runtime.ContainerUsage(s.getAttributes().getId(),
                        CriStatuses.time(s.hasCpu() && s.getCpu().getTimestamp() != 0 ? s.getCpu().getTimestamp()
                                : s.getMemory().getTimestamp()),
                        s.getCpu().getUsageCoreNanoSeconds().getValue(),
                        s.getMemory().getWorkingSetBytes().getValue()))
                .filter(u -> u.timestamp() != null)
                .toList();
    }

    /**
     * Tells containerd the node's pod CIDR (CRI UpdateRuntimeConfig, as the kubelet does once the node has
     * spec.podCIDR): a containerd with a CNI config template (j8s's own) writes the pod network from it.
     */
    @Override
    public boolean usesPodCidr() {
        return true;
    }

    @Override
    public void updatePodCidr(String podCidr) {
        call(() -> cri.updateRuntimeConfig(podCidr));
    }

    @Override
    public void close() {
        streams.close();
        if (ownsClient) {
            cri.close();
        }
    }

    /** The runtime's gRPC error as the kubelet shows it: {@code rpc error: code = X desc = ...}. */
    private static String pullMessage(CriException e) {
        String desc = e.getMessage().startsWith(e.operation() + ": ")
                ? e.getMessage().substring(e.operation().length() + 2) : e.getMessage();
        return "rpc error: code = " + goCode(e.code()) + " desc = " + desc;
    }

    private static String goCode(io.grpc.Status.Code code) {
        StringBuilder b = new StringBuilder();
        for (String part : code.name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * containerd 1.6 parses server_address as a URL: a bare host:port key of a dockerconfigjson gets a
     * scheme (https; containerd still follows the registry's hosts.toml for plain HTTP).
     */
    static AuthConfig authConfig(RegistryAuth a) {
        String server = a.server().contains("://") ? a.server() : "https://" + a.server();
        return AuthConfig.newBuilder().setUsername(a.username()).setPassword(a.password())
                .setIdentityToken(a.identityToken()).setServerAddress(server).build();
    }

    static LinuxContainerResources linuxResources(Resources r) {
        var b = LinuxContainerResources.newBuilder().setCpuShares(MIN_SHARES);
        if (r.cpuQuotaMicros() > 0) {
            // The kubelet gives limited containers shares in proportion to their CPU (1024 per core).
            b.setCpuPeriod(r.cpuPeriodMicros()).setCpuQuota(r.cpuQuotaMicros())
                    .setCpuShares(Math.max(MIN_SHARES, r.cpuQuotaMicros() * 1024 / r.cpuPeriodMicros()));
        }
        if (r.memoryLimitBytes() > 0) {
            // No swap limit: containerd sets swap equal to the limit itself where the host accounts swap.
            b.setMemoryLimitInBytes(r.memoryLimitBytes());
        }
        return b.build();
    }

    /** CRI log paths are relative to the sandbox's log directory. */
    static String relativeLogPath(Path logDirectory, ContainerConfig config) {
        Path log = config.logPath();
        if (log != null && logDirectory != null && log.startsWith(logDirectory)) {
            return logDirectory.relativize(log).toString();
        }
        return config.name() + "/" + config.attempt() + ".log";
    }

    private dev.j8s.agent.cri.v1.PodSandboxConfig sandboxConfig(PodSandboxConfig c) {
        var b = dev.j8s.agent.cri.v1.PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(c.name()).setNamespace(c.namespace())
                        .setUid(c.podUid()))
                .setHostname(c.hostname())
                .putAllLabels(c.labels())
                .putLabels(CriStatuses.POD_UID, c.podUid())
                .putLabels(CriStatuses.POD_NAME, c.name())
                .putLabels(CriStatuses.POD_NAMESPACE, c.namespace());
        for (dev.j8s.agent.runtime.PortMapping p : c.portMappings()) {
            // containerd hands these to CNI as the portMappings capability, which the portmap plugin serves.
            b.addPortMappings(dev.j8s.agent.cri.v1.PortMapping.newBuilder()
                    .setProtocol(dev.j8s.agent.cri.v1.Protocol.valueOf(p.protocol()))
                    .setContainerPort(p.containerPort()).setHostPort(p.hostPort()).setHostIp(p.hostIp()));
        }
        if (c.dns() != null) {
            // containerd writes it to the sandbox's resolv.conf, which every container mounts.
            b.setDnsConfig(dev.j8s.agent.cri.v1.DNSConfig.newBuilder().addAllServers(c.dns().servers())
                    .addAllSearches(c.dns().searches()).addAllOptions(c.dns().options()));
        }
        if (c.logDirectory() != null) {
            b.setLogDirectory(c.logDirectory().toString())
                    .putAnnotations(CriStatuses.LOG_DIRECTORY, c.logDirectory().toString());
        }
        return b.build();
    }

    private PodSandboxStatus sandboxStatus(String id) {
        return CriStatuses.sandbox(call(() -> cri.podSandboxStatus(id)).getStatus());
    }

    private PodSandboxStatus sandboxStatusOrNull(String id) {
        try {
            return sandboxStatus(id);
        } catch (RuntimeFailure e) {
            if (e.getCause() instanceof CriException.NotFound) {
                return null;
            }
            throw e;
        }
    }

    private static ContainerStatus withSandbox(ContainerStatus c, String sandboxId) {
        return new ContainerStatus(c.id(), sandboxId, c.name(), c.attempt(), c.image(), c.imageRef(), c.state(), c.createdAt(),
                c.startedAt(), c.finishedAt(), c.exitCode(), c.reason(), c.message(), c.logPath());
    }

    private static <T> T call(Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }

    private static void call(Runnable rpc) {
        call(() -> {
            rpc.run();
            return null;
        });
    }

    private static void ignoringNotFound(Runnable rpc) {
        try {
            rpc.run();
        } catch (CriException.NotFound e) {
            // Already gone: stopping or removing is idempotent, as the kubelet expects.
        } catch (CriException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }
}
