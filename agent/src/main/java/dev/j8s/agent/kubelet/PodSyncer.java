package dev.j8s.agent.kubelet;

import dev.j8s.agent.dns.PodDnsConfigurer;
import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.StdioConfig;
import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.Mount;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.agent.runtime.Resources;
import dev.j8s.agent.runtime.RuntimeFailure;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one live pod towards its spec (the kubelet's SyncPod, pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * computePodActions): the sandbox, then init containers one at a time in order, then all containers;
 * exited containers restart as restartPolicy says, after the crash-loop backoff; a container whose
 * liveness or startup probe failed is killed (preStop first) and restarted. Returns the status to
 * report.
 */
final class PodSyncer {

    private static final Logger log = LoggerFactory.getLogger(PodSyncer.class);

    private final ContainerRuntime runtime;
    private final VolumeManager volumes;
    private final EnvResolver env;
    private final ProbeManager probes;
    private final LifecycleHooks hooks;
    private final CrashLoopBackoff backoff;
    private final ImagePuller images;
    private final KubeletConfig config;
    private final Map<String, Quantity> allocatable;
    private final Clock clock;
    /** The host's resolv.conf is read once, when the kubelet starts. */
    private final PodDnsConfigurer dns;

    PodSyncer(ContainerRuntime runtime, VolumeManager volumes, EnvResolver env, ProbeManager probes, LifecycleHooks hooks,
              CrashLoopBackoff backoff, ImagePuller images, KubeletConfig config, Map<String, Quantity> allocatable, Clock clock) {
        this.runtime = runtime;
        this.volumes = volumes;
        this.env = env;
        this.probes = probes;
        this.hooks = hooks;
        this.backoff = backoff;
        this.images = images;
        this.config = config;
        this.allocatable = allocatable;
        this.clock = clock;
        this.dns = new PodDnsConfigurer(config.dns());
    }

    /** The sandbox of the pod, created when missing. */
    PodSandboxStatus sandbox(Pod pod) {
        var meta = pod.getMetadata();
        return runtime.runPodSandbox(new PodSandboxConfig(meta.getUid(), meta.getNamespace(), meta.getName(),
                meta.getName(), volumes.podDir(meta.getUid()), Map.of("io.kubernetes.pod.uid", meta.getUid(),
                "io.kubernetes.pod.name", meta.getName(), "io.kubernetes.pod.namespace", meta.getNamespace()),
                portMappings(pod), dns.configFor(pod)));
    }

    /** Every container port with a hostPort, as the kubelet's makePortMappings (hostPort 0 publishes nothing). */
    static List<dev.j8s.agent.runtime.PortMapping> portMappings(Pod pod) {
        List<dev.j8s.agent.runtime.PortMapping> mappings = new java.util.ArrayList<>();
        for (Container c : list(pod.getSpec().getContainers())) {
            for (var port : list(c.getPorts())) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    mappings.add(new dev.j8s.agent.runtime.PortMapping(port.getProtocol(), port.getContainerPort(),
                            port.getHostPort(), port.getHostIP()));
                }
            }
        }
        return mappings;
    }

    /** One sync of a live pod; returns what it observed for the status. */
    PodStatusComputer.Observed sync(Pod pod, String podKey) {
        PodSandboxStatus sandbox = sandbox(pod);
        boolean terminal = isTerminal(pod);
        PodContainers current = PodContainers.of(runtime.listContainers(sandbox.id()));
        Map<String, Path> vols = null;
        String volumeError = null;
        if (!terminal) {
            try {
                vols = volumes.materialize(pod, config.nodeIp(), sandbox.ip(), allocatable);
            } catch (ContainerConfigException e) {
                volumeError = e.getMessage();
            }
        }
        String policy = restartPolicy(pod);
        List<ContainerView> initViews = new ArrayList<>();
        boolean initialized = true;
        for (Container c : list(pod.getSpec().getInitContainers())) {
            if (!initialized) {
                initViews.add(ContainerView.notCreated(c.getName(), c.getImage(), "PodInitializing", null));
                continue;
            }
            ContainerView v = step(pod, podKey, sandbox, c, current, vols, volumeError, terminal,
                    policy.equals("Never") ? "Never" : "OnFailure");
            initViews.add(v);
            ContainerStatus latest = v.latest();
            initialized = latest != null && latest.isExited() && latest.exitCode() == 0 && v.waitingReason() == null;
        }
        List<ContainerView> views = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            views.add(initialized ? step(pod, podKey, sandbox, c, current, vols, volumeError, terminal, policy)
                    : ContainerView.notCreated(c.getName(), c.getImage(), "PodInitializing", null));
        }
        return new PodStatusComputer.Observed(sandbox.ready(), config.nodeIp(), sandbox.ip(), initViews, views,
                runtime.name());
    }

    /** One container: start, restart or leave it; returns its view for the status. */
    private ContainerView step(Pod pod, String podKey, PodSandboxStatus sandbox, Container c, PodContainers current,
                               Map<String, Path> vols, String volumeError, boolean terminal, String policy) {
        ContainerStatus latest = current.latest(c.getName());
        ContainerStatus previous = current.previous(c.getName());
        String uid = pod.getMetadata().getUid();
        if (latest != null && latest.isRunning()) {
            probes.ensure(podKey, c, latest.id(), probeHost(sandbox));
            String failure = probes.failure(latest.id());
            if (failure != null && !terminal) {
                log.info("pod {} container {}: {}; killing it", podKey, c.getName(), failure);
                kill(pod, c, latest.id());
                return view(c, runtime.containerStatus(latest.id()).orElse(latest), previous, null, null);
            }
            return new ContainerView(c.getName(), c.getImage(), latest, previous, null, null,
                    probes.ready(c, latest.id()), probes.started(c, latest.id()));
        }
        if (terminal) {
            return view(c, latest, previous, null, null);
        }
        if (latest != null && latest.isExited()) {
            boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && latest.exitCode() != 0);
            if (!restart) {
                return view(c, latest, previous, null, null);
            }
            String key = CrashLoopBackoff.key(uid, c.getName());
            Duration wait = backoff.remaining(key, latest.startedAt(), latest.finishedAt());
            if (!wait.isZero()) {
                return view(c, latest, previous, "CrashLoopBackOff", "back-off " + backoff.delay(key).toSeconds()
                        + "s restarting failed container=" + c.getName() + " pod=" + pod.getMetadata().getName() + "_"
                        + pod.getMetadata().getNamespace() + "(" + uid + ")");
            }
            backoff.restarted(key, latest.startedAt(), latest.finishedAt());
        }
        if (volumeError != null) {
            return view(c, latest, latest != null ? latest : previous, "CreateContainerConfigError", volumeError);
        }
        ImagePuller.Waiting pull = images.ensure(pod, c);
        if (pull != null) {
            log.info("pod {} container {}: {}: {}", podKey, c.getName(), pull.reason(), pull.message());
            return view(c, latest, previous, pull.reason(), pull.message());
        }
        int attempt = latest == null ? 0 : latest.attempt() + 1;
        try {
            String id = start(pod, sandbox, c, attempt, vols);
            ContainerStatus started = runtime.containerStatus(id).orElseThrow();
            return new ContainerView(c.getName(), c.getImage(), started, latest, null, null,
                    started.isRunning() && c.getReadinessProbe() == null && c.getStartupProbe() == null,
                    started.isRunning() && c.getStartupProbe() == null);
        } catch (ContainerConfigException e) {
            return view(c, latest, previous, "CreateContainerConfigError", e.getMessage());
        } catch (RuntimeFailure e) {
            log.warn("pod {} container {}: {}", podKey, c.getName(), e.getMessage());
            return view(c, latest, previous, "RunContainerError", e.getMessage());
        }
    }

    /** The pod's own IP for HTTP and TCP probes; process pods share the host's network (null: the prober's default). */
    private String probeHost(PodSandboxStatus sandbox) {
        return runtime.name().equals("process") ? null : sandbox.ip();
    }

    private ContainerView view(Container c, ContainerStatus latest, ContainerStatus previous, String reason, String message) {
        return new ContainerView(c.getName(), c.getImage(), latest, previous, reason, message, false, false);
    }

    private String start(Pod pod, PodSandboxStatus sandbox, Container c, int attempt, Map<String, Path> vols)
            throws ContainerConfigException {
        Map<String, String> environment = new LinkedHashMap<>(env.environment(pod, c, config.nodeIp(), sandbox.ip(),
                allocatable));
        List<Mount> mounts = VolumeManager.mounts(c, vols == null ? Map.of() : vols);
        VolumeManager.mountEnv(c, mounts).forEach(environment::putIfAbsent);
        Path logPath = volumes.podDir(pod.getMetadata().getUid()).resolve(c.getName()).resolve(attempt + ".log");
        ContainerConfig cc = new ContainerConfig(c.getName(), attempt, c.getImage(),
                EnvResolver.expand(c.getCommand(), environment), EnvResolver.expand(c.getArgs(), environment),
                c.getWorkingDir(), environment, mounts, logPath, resources(c),
                Map.of("io.kubernetes.container.name", c.getName()),
                new StdioConfig(Boolean.TRUE.equals(c.getStdin()), Boolean.TRUE.equals(c.getStdinOnce()),
                        Boolean.TRUE.equals(c.getTty())));
        String id = runtime.createContainer(sandbox.id(), cc);
        runtime.startContainer(id);
        String hookFailure = hooks.postStart(c, id, gracePeriod(pod));
        if (hookFailure != null) {
            // As the kubelet does: a failed postStart hook kills the container, which then restarts per policy.
            log.info("pod {} container {}: postStart hook failed: {}", pod.getMetadata().getName(), c.getName(), hookFailure);
            runtime.stopContainer(id, Duration.ZERO);
        }
        return id;
    }

    /** Kills a container as the kubelet's killContainer: preStop within the grace period, then stop with what is left. */
    void kill(Pod pod, Container c, String containerId) {
        kill(pod, c, containerId, gracePeriod(pod));
    }

    /** As above with the grace period that is left ({@code grace}), e.g. after the pod drained. */
    void kill(Pod pod, Container c, String containerId, Duration grace) {
        long begin = clock.millis();
        if (c != null) {
            String failure = hooks.preStop(c, containerId, grace);
            if (failure != null) {
                log.info("pod {} container {}: preStop hook failed: {}", pod.getMetadata().getName(), c.getName(), failure);
            }
        }
        Duration left = grace.minusMillis(clock.millis() - begin);
        // Kubernetes gives a container at least 2 s after preStop (minimumGracePeriodInSeconds).
        if (!grace.isZero() && left.compareTo(Duration.ofSeconds(2)) < 0) {
            left = Duration.ofSeconds(2);
        }
        runtime.stopContainer(containerId, left);
    }

    /** The grace period of a deletion, else the pod's terminationGracePeriodSeconds (30 s by default). */
    static Duration gracePeriod(Pod pod) {
        Long seconds = pod.getMetadata().getDeletionGracePeriodSeconds();
        if (seconds == null) {
            seconds = pod.getSpec().getTerminationGracePeriodSeconds();
        }
        return Duration.ofSeconds(seconds == null ? 30 : Math.max(0, seconds));
    }

    static Resources resources(Container c) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return Resources.NONE;
        }
        Quantity memory = c.getResources().getLimits().get("memory");
        Quantity cpu = c.getResources().getLimits().get("cpu");
        long bytes = memory == null ? 0 : Quantity.getAmountInBytes(memory).longValue();
        long millis = cpu == null ? 0 : Quantity.getAmountInBytes(cpu).multiply(java.math.BigDecimal.valueOf(1000)).longValue();
        return Resources.ofLimits(bytes, millis);
    }

    static String restartPolicy(Pod pod) {
        return pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
