package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.j8s.agent.process.ProcessRuntime;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node agent with the process runtime against the in-process HTTPS API server, running real processes. */
class KubeletTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;
    static KubeClient client;
    static ProcessRuntime runtime;
    static Kubelet kubelet;
    static Path markers;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir.resolve("api"));
        client = api.newClient();
        markers = Files.createDirectories(dir.resolve("markers"));
        // What j8s's service-account controllers keep in every namespace; pods are admitted with a projected
        // kube-api-access volume that needs both.
        client.resources(ServiceAccount.class).create(new ServiceAccountBuilder().withNewMetadata().withName("default")
                .withNamespace("default").endMetadata().build());
        client.resources(ConfigMap.class).create(new ConfigMapBuilder().withNewMetadata().withName("kube-root-ca.crt")
                .withNamespace("default").endMetadata().withData(Map.of("ca.crt", "test-ca")).build());
        runtime = new ProcessRuntime(dir.resolve("agent/process"), "127.0.0.1", Clock.systemUTC());
        kubelet = new Kubelet(api.newClient(), runtime, KubeletConfig.defaults("node-a", dir.resolve("agent"), "127.0.0.1")
                .withMetricsInterval(Duration.ofSeconds(1)), Clock.systemUTC()).start();
    }

    @AfterAll
    static void stop() {
        // Pods still running are stopped through the runtime (by their process groups) before the agent goes.
        if (runtime != null) {
            runtime.listPodSandboxes().forEach(s -> runtime.removePodSandbox(s.id()));
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        api.close();
    }

    private static Pod pod(String name) {
        return client.resources(Pod.class).get("default", name);
    }

    private static ContainerStatus container(String name) {
        Pod p = pod(name);
        return p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                || p.getStatus().getContainerStatuses().isEmpty() ? null : p.getStatus().getContainerStatuses().get(0);
    }

    private static String condition(String pod, String type) {
        Pod p = pod(pod);
        if (p.getStatus() == null || p.getStatus().getConditions() == null) {
            return null;
        }
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .map(c -> c.getStatus()).orElse(null);
    }

    @Test
    void registersTheNodeWithHostCapacityAndRenewsItsLease() {
        await().atMost(Duration.ofSeconds(20)).until(kubelet::isRegistered);
        Node node = client.resources(Node.class).get(null, "node-a");
        Map<String, String> conditions = node.getStatus().getConditions().stream()
                .collect(Collectors.toMap(NodeCondition::getType, NodeCondition::getStatus));
        assertThat(conditions).containsEntry("Ready", "True").containsKeys("MemoryPressure", "DiskPressure", "PIDPressure");
        assertThat(node.getStatus().getCapacity()).containsKeys("cpu", "memory", "ephemeral-storage", "pods");
        assertThat(node.getStatus().getCapacity().get("pods").toString()).isEqualTo("110");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("process://");
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.32.3-j8s");
        Lease lease = client.resources(Lease.class).get("kube-node-lease", "node-a");
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("node-a");
    }

    @Test
    void runsAPodWithConfigMapEnvAndVolumeThenTerminatesItGracefully() throws Exception {
        client.resources(ConfigMap.class).create(new ConfigMapBuilder().withNewMetadata().withName("app-config")
                .withNamespace("default").endMetadata().withData(Map.of("greeting", "hello-from-cm")).build());
        Path mount = dir.resolve("mnt/config");
        String script = "trap 'echo term > " + markers + "/web.term; exit 0' TERM; echo started; "
                + "echo \"$GREETING $(POD)\" > " + markers + "/web.env; cat " + mount + "/greeting > " + markers + "/web.vol; "
                + "sleep 3600 & wait";
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("web").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(10L)
                .addNewContainer().withName("app").withImage("busybox").withCommand("sh", "-c", script)
                .addNewEnv().withName("GREETING").withNewValueFrom().withNewConfigMapKeyRef().withName("app-config")
                .withKey("greeting").endConfigMapKeyRef().endValueFrom().endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
                .endValueFrom().endEnv()
                .addNewVolumeMount().withName("config").withMountPath(mount.toString()).endVolumeMount()
                .withNewReadinessProbe().withNewExec().withCommand("sh", "-c", "test ! -f " + markers + "/unready").endExec()
                .withPeriodSeconds(1).withFailureThreshold(1).endReadinessProbe()
                .withNewLifecycle().withNewPreStop().withNewExec().withCommand("sh", "-c", "echo prestop > " + markers
                        + "/web.prestop").endExec().endPreStop().endLifecycle()
                .endContainer()
                .addNewVolume().withName("config").withNewConfigMap().withName("app-config").endConfigMap().endVolume()
                .endSpec().build());

        await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition("web", "Ready")));
        Pod running = pod("web");
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(running.getStatus().getPodIP()).isEqualTo("127.0.0.1");
        assertThat(running.getStatus().getHostIP()).isEqualTo("127.0.0.1");
        assertThat(container("web").getContainerID()).startsWith("process://");
        // The shell creates each file before it writes it: wait for the content, not the file.
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(markers.resolve("web.vol"))
                && !Files.readString(markers.resolve("web.vol")).isBlank());
        assertThat(Files.readString(markers.resolve("web.env")).trim()).isEqualTo("hello-from-cm web");
        assertThat(Files.readString(markers.resolve("web.vol")).trim()).isEqualTo("hello-from-cm");
        // The projected service-account volume: a token bound to the pod, the cluster CA, the namespace.
        Path apiAccess;
        try (var volumes = Files.list(dir.resolve("agent/pods").resolve(running.getMetadata().getUid()).resolve(".volumes"))) {
            apiAccess = volumes.filter(v -> v.getFileName().toString().startsWith("kube-api-access-")).findFirst()
                    .orElseThrow();
        }
        assertThat(Files.readString(apiAccess.resolve("token")).split("\\.")).hasSize(3);
        assertThat(Files.readString(apiAccess.resolve("ca.crt"))).isEqualTo("test-ca");
        assertThat(Files.readString(apiAccess.resolve("namespace"))).isEqualTo("default");
        Path log = dir.resolve("agent/pods").resolve(running.getMetadata().getUid()).resolve("app/0.log");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(log) && Files.readString(log).contains("stdout F started"));

        // Readiness flips with the probe.
        Files.writeString(markers.resolve("unready"), "");
        await().atMost(Duration.ofSeconds(15)).until(() -> "False".equals(condition("web", "Ready")));
        Files.delete(markers.resolve("unready"));
        await().atMost(Duration.ofSeconds(15)).until(() -> "True".equals(condition("web", "Ready")));

        // ConfigMap updates reach the volume's file.
        ConfigMap cm = client.resources(ConfigMap.class).get("default", "app-config");
        cm.setData(Map.of("greeting", "updated"));
        client.resources(ConfigMap.class).update(cm);
        Path volumeFile = dir.resolve("agent/pods").resolve(running.getMetadata().getUid()).resolve(".volumes/config/greeting");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.readString(volumeFile).equals("updated"));

        // Deletion: preStop, then SIGTERM (the trap writes its marker), then the kubelet removes the pod.
        client.resources(Pod.class).delete("default", "web", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                pod("web");
                return false;
            } catch (ApiStatusException e) {
                return e.isNotFound();
            }
        });
        assertThat(Files.readString(markers.resolve("web.prestop")).trim()).isEqualTo("prestop");
        assertThat(Files.readString(markers.resolve("web.term")).trim()).isEqualTo("term");
        // The final delete comes first, then the sandbox and the pod's directory go.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(runtime.listPodSandboxes()).noneMatch(s -> s.config().name().equals("web")));
    }

    @Test
    void aReadyPodDrainsBeforeItsPreStopHookAndSigterm() throws Exception {
        // Each step appends "<step> <epoch ms>" to one file: the order and the gaps are the evidence.
        Path steps = markers.resolve("drain.steps");
        String stamp = " $(date +%s%3N) >> " + steps;
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("drain").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(10L)
                .addNewContainer().withName("app").withImage("busybox")
                .withCommand("sh", "-c", "trap 'echo sigterm" + stamp + "; exit 0' TERM; sleep 3600 & wait")
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().withPeriodSeconds(1).endReadinessProbe()
                .withNewLifecycle().withNewPreStop().withNewExec().withCommand("sh", "-c", "echo prestop" + stamp)
                .endExec().endPreStop().endLifecycle()
                .endContainer().endSpec().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> "True".equals(condition("drain", "Ready")));

        long deleted = System.currentTimeMillis();
        client.resources(Pod.class).delete("default", "drain", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(steps)
                && Files.readString(steps).contains("sigterm"));
        List<String[]> lines = Files.readAllLines(steps).stream().map(l -> l.trim().split(" ")).toList();
        assertThat(lines).extracting(l -> l[0]).containsExactly("prestop", "sigterm");
        long preStop = Long.parseLong(lines.get(0)[1]);
        long sigterm = Long.parseLong(lines.get(1)[1]);
        // The default drain delay (2 s) passes before preStop runs; SIGTERM follows preStop.
        assertThat(preStop - deleted).isGreaterThanOrEqualTo(KubeletConfig.DEFAULT_SHUTDOWN_DRAIN_DELAY.toMillis());
        assertThat(sigterm).isGreaterThanOrEqualTo(preStop);
    }

    @Test
    void reportsABusyContainersCpuAndTheNodesUsageToMetricsApi() {
        assumeTrue("root".equals(System.getProperty("user.name")), "container cgroups need root");
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("busy").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("loop").withImage("busybox")
                .withCommand("sh", "-c", "while :; do :; done").endContainer().endSpec().build());
        // The API server serves what the node reported (kubectl top reads the same objects).
        PodMetrics busy = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.resources(PodMetrics.class).get("default", "busy"),
                        m -> m != null && !m.getContainers().isEmpty()
                                && Quantity.getAmountInBytes(m.getContainers().get(0).getUsage().get("cpu"))
                                        .compareTo(new java.math.BigDecimal("0.1")) > 0);
        assertThat(busy.getContainers().get(0).getName()).isEqualTo("loop");
        assertThat(Quantity.getAmountInBytes(busy.getContainers().get(0).getUsage().get("memory"))).isPositive();
        NodeMetrics node = client.resources(NodeMetrics.class).get(null, "node-a");
        assertThat(Quantity.getAmountInBytes(node.getUsage().get("cpu"))).isGreaterThan(new java.math.BigDecimal("0.1"));
        assertThat(Quantity.getAmountInBytes(node.getUsage().get("memory"))).isPositive();
        client.resources(Pod.class).delete("default", "busy", null);
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAndCrashesBackOff() {
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("live").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a").withTerminationGracePeriodSeconds(1L)
                .addNewContainer().withName("app").withImage("busybox").withCommand("sh", "-c", "exec sleep 3600")
                .withNewLivenessProbe().withNewExec().withCommand("sh", "-c", "test ! -f " + markers + "/dead").endExec()
                .withPeriodSeconds(1).withFailureThreshold(1).endLivenessProbe()
                .endContainer().endSpec().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> container("live") != null
                && container("live").getState().getRunning() != null);
        try {
            Files.writeString(markers.resolve("dead"), "");
            await().atMost(Duration.ofSeconds(30)).until(() -> container("live").getRestartCount() >= 1);
            assertThat(container("live").getLastState().getTerminated()).isNotNull();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            markers.resolve("dead").toFile().delete();
        }
    }

    @Test
    void aRestartedAgentReadoptsRunningContainersWithoutRestartingThem() throws Exception {
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("steady").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-b")
                .addNewContainer().withName("app").withImage("busybox").withCommand("sh", "-c", "exec sleep 3600")
                .endContainer().endSpec().build());
        Path data = dir.resolve("agent-b");
        ProcessRuntime first = new ProcessRuntime(data.resolve("process"), "127.0.0.1", Clock.systemUTC());
        Kubelet agent = new Kubelet(api.newClient(), first, KubeletConfig.defaults("node-b", data, "127.0.0.1"),
                Clock.systemUTC()).start();
        ProcessRuntime second = null;
        Kubelet restarted = null;
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> container("steady") != null
                    && container("steady").getState().getRunning() != null);
            String containerId = container("steady").getContainerID();
            // As after kill -9: the agent's objects go away, the processes stay.
            agent.close();
            first.close();
            second = new ProcessRuntime(data.resolve("process"), "127.0.0.1", Clock.systemUTC());
            restarted = new Kubelet(api.newClient(), second, KubeletConfig.defaults("node-b", data, "127.0.0.1"),
                    Clock.systemUTC()).start();
            ProcessRuntime runtimeB = second;
            await().atMost(Duration.ofSeconds(10)).until(() -> runtimeB.listPodSandboxes().stream()
                    .anyMatch(s -> runtimeB.listContainers(s.id()).stream().anyMatch(c -> c.isRunning())));
            // Several syncs later the same container is still the one running, never restarted.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(container("steady").getContainerID()).isEqualTo(containerId);
                assertThat(container("steady").getRestartCount()).isZero();
                assertThat(container("steady").getState().getRunning()).isNotNull();
            });
        } finally {
            ProcessRuntime cleanup = second != null ? second : first;
            cleanup.listPodSandboxes().forEach(s -> cleanup.removePodSandbox(s.id()));
            if (restarted != null) {
                restarted.close();
            }
            cleanup.close();
            agent.close();
        }
    }

    @Test
    void aCrashingContainerWaitsInCrashLoopBackOffAndAJobLikePodSucceeds() {
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("crash").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a")
                .addNewContainer().withName("app").withImage("busybox").withCommand("sh", "-c", "exit 3").endContainer()
                .endSpec().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> container("crash") != null
                && container("crash").getState().getWaiting() != null
                && "CrashLoopBackOff".equals(container("crash").getState().getWaiting().getReason()));
        assertThat(container("crash").getLastState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(container("crash").getLastState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(pod("crash").getStatus().getPhase()).isEqualTo("Running");

        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName("job").withNamespace("default")
                .endMetadata().withNewSpec().withNodeName("node-a").withRestartPolicy("Never")
                .addNewInitContainer().withName("init").withImage("busybox").withCommand("sh", "-c", "echo init > "
                        + markers + "/job.init").endInitContainer()
                .addNewContainer().withName("app").withImage("busybox").withCommand("sh", "-c", "test -f " + markers
                        + "/job.init").endContainer()
                .endSpec().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> "Succeeded".equals(pod("job").getStatus().getPhase()));
        assertThat(container("job").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(pod("job").getStatus().getInitContainerStatuses()).singleElement()
                .satisfies(s -> assertThat(s.getState().getTerminated().getExitCode()).isZero());
        assertThat(List.of(condition("job", "Initialized"), condition("job", "Ready"))).containsExactly("True", "False");
    }
}
