package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ClientJson;
import dev.j8s.client.KubeClient;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.ListerWatcher;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.time.ThreadScheduler;
import dev.j8s.client.workqueue.RateLimitingQueue;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: registers the node and renews its Lease, and runs the pods bound to it through a
 * {@link ContainerRuntime}. An informer watches the pods with {@code spec.nodeName} = this node; pod
 * keys go through a rate-limited queue to a few workers (a key is never worked on twice at once,
 * as the kubelet's per-pod workers), and every live pod comes back each sync period, which is how
 * container exits are noticed (the PLEG's relist), probes acted on and volumes refreshed. A pod
 * being deleted is handed to its own thread for graceful termination.
 */
public final class Kubelet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Kubelet.class);

    private final KubeletConfig config;
    private final ContainerRuntime runtime;
    private final ResourceClient<Pod> pods;
    private final SharedIndexInformer<Pod> podInformer;
    private final SharedIndexInformer<ConfigMap> configMaps;
    private final SharedIndexInformer<Secret> secrets;
    private final ThreadScheduler scheduler;
    private final RateLimitingQueue<String> queue;
    private final NodeStatusReporter node;
    private final ProbeManager probes;
    private final PodSyncer syncer;
    private final PodTerminator terminator;
    private final CrashLoopBackoff backoff;
    private final ImagePuller images;
    private final Clock clock;
    private final PodCidrUpdater podCidr;
    private final dev.j8s.agent.metrics.NodeResourceMetrics resourceMetrics;
    private final dev.j8s.agent.images.ImageGcService imageGc;
    private final Set<String> terminating = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public Kubelet(KubeClient client, ContainerRuntime runtime, KubeletConfig config, Clock clock) {
        this.config = config;
        this.runtime = runtime;
        this.clock = clock;
        this.pods = client.resources(Pod.class);
        this.scheduler = new ThreadScheduler("j8s-kubelet-timer", clock);
        this.queue = RateLimitingQueue.withDefaults(scheduler);
        this.podInformer = new SharedIndexInformer<>("kubelet-pods",
                ListerWatcher.of(pods, null, null, "spec.nodeName=" + config.nodeName()), SharedIndexInformer.Options.DEFAULTS);
        this.configMaps = new SharedIndexInformer<>("kubelet-configmaps",
                ListerWatcher.of(client.resources(ConfigMap.class), null, null, null), SharedIndexInformer.Options.DEFAULTS);
        this.secrets = new SharedIndexInformer<>("kubelet-secrets",
                ListerWatcher.of(client.resources(Secret.class), null, null, null), SharedIndexInformer.Options.DEFAULTS);
        ServiceAccountTokens tokens = new ServiceAccountTokens(client.resources(ServiceAccount.class), clock);
        ConfigSource source = new ConfigSource() {
            @Override
            public ConfigMap configMap(String namespace, String name) {
                return configMaps.indexer().get(namespace, name);
            }

            @Override
            public Secret secret(String namespace, String name) {
                return secrets.indexer().get(namespace, name);
            }

            @Override
            public String serviceAccountToken(Pod pod, String audience, long expirationSeconds)
                    throws ContainerConfigException {
                return tokens.token(pod, audience, expirationSeconds);
            }
        };
        HostInfo host = HostInfo.read(config.dataDir());
        this.node = new NodeStatusReporter(client, config.nodeName(), config.nodeIp(), () -> HostInfo.read(config.dataDir()),
                runtime.version(), clock, config.leaseDurationSeconds());
        Prober prober = new Prober(runtime, "127.0.0.1");
        this.probes = new ProbeManager(prober, queue::add);
        this.backoff = new CrashLoopBackoff(clock);
        VolumeManager volumes = new VolumeManager(config.podsDir(), source);
        this.images = new ImagePuller(runtime, source, clock);
        this.syncer = new PodSyncer(runtime, volumes, new EnvResolver(source), probes, new LifecycleHooks(prober), backoff, images,
                config, host.capacity(), clock);
        this.terminator = new PodTerminator(runtime, syncer, volumes, pods, clock,
                new TerminationDrain(config.shutdownDrainDelay(), scheduler));
        this.podCidr = new PodCidrUpdater(client.resources(io.fabric8.kubernetes.api.model.Node.class), runtime,
                config.nodeName(), config.defaultPodCidr(), config.podCidrWait(), clock);
        this.resourceMetrics = new dev.j8s.agent.metrics.NodeResourceMetrics(client, config.nodeName(), runtime,
                () -> podInformer.indexer().list(), config.metricsInterval(), java.nio.file.Path.of("/proc"), clock);
        this.imageGc = dev.j8s.agent.images.ImageGcService.create(client, runtime, config.nodeName(), config.imageGc(),
                clock);
        podInformer.addEventHandler(new Handler());
    }

    /** Starts the node's heartbeat, the informers and the pod workers; returns at once. */
    public Kubelet start() throws InterruptedException {
        threads.add(Thread.ofPlatform().name("j8s-kubelet-heartbeat").daemon().start(this::heartbeat));
        if (runtime.usesPodCidr()) {
            threads.add(Thread.ofPlatform().name("j8s-kubelet-pod-cidr").daemon().start(() -> {
                try {
                    podCidr.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        configMaps.start();
        secrets.start();
        podInformer.start();
        configMaps.waitForSync(Duration.ofSeconds(30));
        secrets.waitForSync(Duration.ofSeconds(30));
        for (int i = 0; i < config.workers(); i++) {
            threads.add(Thread.ofPlatform().name("j8s-kubelet-pod-worker-" + i).daemon().start(this::work));
        }
        threads.add(Thread.ofPlatform().name("j8s-kubelet-housekeeping").daemon().start(this::housekeeping));
        resourceMetrics.start();
        imageGc.start();
        return this;
    }

    /** This node's pods as the agent API streams them (logs, exec, attach, port-forward). */
    public dev.j8s.agent.server.PodStreams podStreams() {
        return new KubeletPodStreams((namespace, name) -> podInformer.indexer().get(namespace, name), runtime);
    }

    /** The port of the agent API, published as status.daemonEndpoints.kubeletEndpoint.Port (10250 until set). */
    public void advertiseAgentPort(int port) {
        node.advertiseAgentPort(port);
    }

    public boolean isRegistered() {
        return node.isRegistered();
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** The node's InternalIP (the agent API's serving certificate names it). */
    public String nodeIp() {
        return config.nodeIp();
    }

    private void heartbeat() {
        while (!closed) {
            try {
                node.beat();
            } catch (RuntimeException e) {
                log.warn("node {}: heartbeat failed: {}", config.nodeName(), e.toString());
            }
            if (!pause(config.leaseInterval())) {
                return;
            }
        }
    }

    /** Removes what the runtime still runs for pods that no longer exist (deleted while the agent was down). */
    private void housekeeping() {
        try {
            podInformer.waitForSync(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
            return;
        }
        while (!closed) {
            Set<String> known = new HashSet<>();
            podInformer.indexer().list().forEach(p -> known.add(p.getMetadata().getUid()));
            for (PodSandboxStatus s : runtime.listPodSandboxes()) {
                String uid = s.config().podUid();
                if (!known.contains(uid) && !terminating.contains(uid)) {
                    log.info("removing pod {}/{} ({}): no longer bound to this node", s.config().namespace(),
                            s.config().name(), uid);
                    terminator.cleanup(uid);
                    backoff.forget(uid);
                    images.forget(uid);
                }
            }
            // Here, not after every pod sync: it lists every sandbox and container of the node, which per sync
            // made each second's work grow with the square of the pod count (and kept containerd busy).
            probesRetain();
            if (!pause(Duration.ofSeconds(10))) {
                return;
            }
        }
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d); // a periodic loop's period, not a wait for state
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void work() {
        try {
            String key;
            while ((key = queue.get()) != null) {
                try {
                    sync(key);
                    queue.forget(key);
                } catch (ApiStatusException | java.io.UncheckedIOException | dev.j8s.agent.runtime.RuntimeFailure e) {
                    log.debug("pod {}: sync failed, retrying: {}", key, e.getMessage());
                    queue.addRateLimited(key);
                } catch (RuntimeException e) {
                    log.warn("pod {}: sync failed, retrying", key, e);
                    queue.addRateLimited(key);
                } finally {
                    queue.done(key);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sync(String key) {
        Pod pod = podInformer.indexer().get(key);
        if (pod == null) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        if (terminating.contains(uid)) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            terminating.add(uid);
            Thread.ofVirtual().name("j8s-kubelet-terminate-" + pod.getMetadata().getName()).start(() -> {
                try {
                    terminator.terminate(pod);
                    backoff.forget(uid);
                    images.forget(uid);
                    terminating.remove(uid);
                } catch (RuntimeException e) {
                    log.warn("pod {}: termination failed, retrying", key, e);
                    terminating.remove(uid);
                    queue.addRateLimited(key);
                }
            });
            return;
        }
        if (PodSyncer.isTerminal(pod)) {
            // Finished for good (restartPolicy Never/OnFailure): nothing runs any more, the status stays.
            stopSandboxes(uid);
            return;
        }
        PodStatusComputer.Observed observed = syncer.sync(pod, key);
        PodStatus status = PodStatusComputer.compute(pod, observed, clock.instant());
        writeStatus(pod, status);
        if (!isTerminal(status)) {
            queue.addAfter(key, config.syncPeriod());
        } else {
            stopSandboxes(uid);
        }
    }

    private void stopSandboxes(String uid) {
        runtime.listPodSandboxes().stream().filter(s -> s.config().podUid().equals(uid) && s.ready())
                .forEach(s -> runtime.stopPodSandbox(s.id()));
    }

    private void probesRetain() {
        Set<String> running = new HashSet<>();
        for (PodSandboxStatus s : runtime.listPodSandboxes()) {
            runtime.listContainers(s.id()).stream().filter(c -> c.isRunning()).forEach(c -> running.add(c.id()));
        }
        probes.retain(running);
    }

    private static boolean isTerminal(PodStatus s) {
        return "Succeeded".equals(s.getPhase()) || "Failed".equals(s.getPhase());
    }

    /** Writes the status when it differs from what the pod reports (a merge patch: no resourceVersion race). */
    private void writeStatus(Pod pod, PodStatus status) {
        if (status.equals(pod.getStatus())) {
            return;
        }
        try {
            pods.patchStatus(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
                    ClientJson.MAPPER.writeValueAsString(Map.of("status", status)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a pod status always serialises", e);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.shutDown();
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        resourceMetrics.close();
        imageGc.close();
        probes.close();
        podInformer.close();
        configMaps.close();
        secrets.close();
        scheduler.close();
    }

    private final class Handler implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            queue.add(ObjectKeys.key(pod));
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            queue.add(ObjectKeys.key(newPod));
        }

        @Override
        public void onDelete(Pod pod) {
            // Gone from the API before this agent finished it (force deletion): kill what still runs.
            String uid = pod.getMetadata().getUid();
            if (!terminating.contains(uid)) {
                Thread.ofVirtual().name("j8s-kubelet-cleanup").start(() -> {
                    terminator.cleanup(uid);
                    backoff.forget(uid);
                    images.forget(uid);
                });
            }
        }
    }
}
