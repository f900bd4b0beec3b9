package dev.j8s.agent.cri;

import static dev.j8s.agent.runtime.StreamReads.readUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.DnsConfig;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ImagePullFailure;
import dev.j8s.agent.runtime.ImagePullPolicy;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.agent.runtime.PortMapping;
import dev.j8s.agent.runtime.Resources;
import dev.j8s.agent.runtime.StdioConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CriRuntime against j8s's own containerd, as the kubelet uses it: sandboxes found again by pod UID,
 * containers with limits, exec (sync and streaming, with and without a terminal), port-forward into the pod,
 * OOM kills, pull policies, and a second runtime instance (a restarted agent) finding everything again.
 * Images are imported offline (scripts/test-images.sh); needs root.
 */
class CriRuntimeIntegrationTest {
    private static final String BRIDGE = "j8stest1";
    private static final String SUBNET = "10.42.253.0/24";
    private static final String BUSYBOX = "j8s.local/busybox:latest";
    private static final String ECHO = "j8s.local/echo:v1";

    @TempDir static Path dir;
    private static ManagedContainerd containerd;
    private static CriRuntime runtime;

    @BeforeAll
    static void startContainerd() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
        assumeTrue(!Files.exists(Path.of("/sys/class/net", BRIDGE)), "bridge " + BRIDGE + " is in use");
        Path repo = Path.of("").toAbsolutePath().getParent();
        Process p = new ProcessBuilder(repo.resolve("scripts/test-images.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Path images = Path.of(new String(p.getInputStream().readAllBytes()).strip().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(p.waitFor()).isZero();
        containerd = ManagedContainerd.start(ContainerdOptions.defaults(dir.resolve("node")).withNetwork(BRIDGE, SUBNET));
        for (String tar : List.of("pause_3.9.tar", "busybox_latest.tar", "echo_v1.tar")) {
            containerd.importImages(images.resolve(tar));
        }
        runtime = new CriRuntime(containerd.cri(), false);
        // The kubelet passes the node's spec.podCIDR; containerd renders the pod network from j8s's template.
        runtime.updatePodCidr(SUBNET);
    }

    @AfterAll
    static void stopContainerd() {
        if (containerd != null) {
            containerd.close();
            assertThat(Path.of("/sys/class/net", BRIDGE)).doesNotExist();
            assertThat(ContainerdLeftovers.mountsUnder(dir)).isEmpty();
        }
    }

    @Test
    void runsAPodFindsItAgainAndStreamsExecAndPortForward() throws Exception {
        assertThat(runtime.name()).isEqualTo("containerd");
        assertThat(runtime.version()).startsWith("containerd://1.");
        PodSandboxConfig pod = pod("echo-1");
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        assertThat(runtime.runPodSandbox(pod).id()).as("the sandbox of a pod is stable").isEqualTo(sandbox.id());
        assertThat(sandbox.ready()).isTrue();
        assertThat(sandbox.ip()).startsWith("10.42.253.");

        runtime.ensureImage(ECHO, ImagePullPolicy.IF_NOT_PRESENT, List.of());
        String id = runtime.createContainer(sandbox.id(), container(pod, "echo", ECHO, List.of(), Resources.ofLimits(64L << 20, 500)));
        runtime.startContainer(id);
        ContainerStatus running = runtime.containerStatus(id).orElseThrow();
        assertThat(running.isRunning()).isTrue();
        assertThat(running.sandboxId()).isEqualTo(sandbox.id());
        assertThat(running.startedAt()).isNotNull();

        assertThat(runtime.execSync(id, List.of("cat", "/etc/hostname"), Duration.ofSeconds(10)).stdout().strip())
                .isEqualTo("echo-1");
        assertThat(runtime.execSync(id, List.of("sh", "-c", "echo $J8S_TEST"), Duration.ofSeconds(10)).stdout().strip())
                .isEqualTo("1");
        assertThat(runtime.execSync(id, List.of("sleep", "5"), Duration.ofSeconds(1)).timedOut()).isTrue();

        try (ExecProcess cat = runtime.exec(id, List.of("sh", "-c", "cat; echo done >&2; exit 7"), false)) {
            cat.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            cat.stdin().close();
            assertThat(new String(cat.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            assertThat(new String(cat.stderr().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("done\n");
            assertThat(cat.exitCode().get()).isEqualTo(7);
        }
        try (ExecProcess tty = runtime.exec(id, List.of("tty"), false, true)) {
            assertThat(new String(tty.stdout().readAllBytes(), StandardCharsets.UTF_8)).contains("/dev/pts/");
            assertThat(tty.exitCode().get()).isZero();
        }
        try (Socket s = runtime.portForward(sandbox.id(), 8080)) {
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8), a -> !a.isEmpty());
            assertThat(answer).contains("version=v1").contains("echo-1");
        }

        // A restarted agent: a new runtime over a new connection finds the pod and its container.
        try (CriRuntime again = new CriRuntime(CriClient.connect(containerd.socket()), true)) {
            PodSandboxStatus found = again.listPodSandboxes().stream()
                    .filter(s -> s.config().podUid().equals(pod.podUid())).findFirst().orElseThrow();
            assertThat(found.id()).isEqualTo(sandbox.id());
            assertThat(found.config().name()).isEqualTo("echo-1");
            assertThat(found.config().namespace()).isEqualTo("default");
            assertThat(found.config().logDirectory()).isEqualTo(pod.logDirectory());
            assertThat(again.listContainers(sandbox.id())).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(id);
                assertThat(c.name()).isEqualTo("echo");
                assertThat(c.attempt()).isEqualTo(2);
                assertThat(c.logPath()).isEqualTo(pod.logDirectory().resolve("echo/2.log"));
            });
        }

        runtime.stopContainer(id, Duration.ofSeconds(2));
        assertThat(runtime.containerStatus(id).orElseThrow().isExited()).isTrue();
        runtime.stopContainer(id, Duration.ofSeconds(2));
        runtime.removeContainer(id);
        runtime.removeContainer(id);
        assertThat(runtime.containerStatus(id)).isEmpty();
        runtime.stopPodSandbox(sandbox.id());
        runtime.removePodSandbox(sandbox.id());
        runtime.removePodSandbox(sandbox.id());
    }

    @Test
    void aContainerPastItsMemoryLimitExitsOomKilled() {
        PodSandboxConfig pod = pod("hog");
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        try {
            String id = runtime.createContainer(sandbox.id(), container(pod, "hog", BUSYBOX,
                    List.of("sh", "-c", "x=a; while true; do x=$x$x; done"), Resources.ofLimits(16L << 20, 0)));
            runtime.startContainer(id);
            ContainerStatus exited = await().atMost(Duration.ofSeconds(60))
                    .until(() -> runtime.containerStatus(id).orElseThrow(), ContainerStatus::isExited);
            assertThat(exited.reason()).isEqualTo("OOMKilled");
            assertThat(exited.exitCode()).isEqualTo(137);
            assertThat(exited.finishedAt()).isAfterOrEqualTo(exited.startedAt());
        } finally {
            runtime.stopPodSandbox(sandbox.id());
            runtime.removePodSandbox(sandbox.id());
        }
    }

    @Test
    void theNodesPodCidrBecomesThePodNetwork() throws IOException {
        Path rendered = dir.resolve("node/cni/net.d").resolve(ContainerdConfig.RENDERED_CONFLIST_FILE);
        assertThat(Files.readString(rendered)).contains("\"subnet\": \"" + SUBNET + "\"")
                .contains("\"bridge\": \"" + BRIDGE + "\"").contains("\"portmap\"");
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod("cidr-1"));
        assertThat(sandbox.ip()).startsWith("10.42.253.").isNotEqualTo("10.42.253.1");
        // The bridge is the pods' gateway: the range's first address.
        assertThat(Files.readString(Path.of("/proc/net/fib_trie"))).contains("10.42.253.1");
        runtime.stopPodSandbox(sandbox.id());
        runtime.removePodSandbox(sandbox.id());
    }

    @Test
    void aHostPortIsPublishedOnTheNodeThroughPortmap() throws Exception {
        String uid = UUID.randomUUID().toString();
        PodSandboxConfig pod = new PodSandboxConfig(uid, "default", "hostport-1", "hostport-1",
                dir.resolve("pods").resolve(uid), Map.of("io.kubernetes.pod.uid", uid),
                List.of(new PortMapping("TCP", 8080, 18080, "")), null);
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        try {
            String id = runtime.createContainer(sandbox.id(), container(pod, "echo", ECHO, List.of(), Resources.NONE));
            runtime.startContainer(id);
            // portmap's DNAT (and its SNAT for localhost) lets the node's own 127.0.0.1:18080 reach the pod.
            String answer = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket s = new Socket("127.0.0.1", 18080)) {
                    s.setSoTimeout(5_000);
                    s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
            }, a -> !a.isEmpty());
            assertThat(answer).contains("version=v1").contains("hostport-1");
        } finally {
            runtime.stopPodSandbox(sandbox.id());
            runtime.removePodSandbox(sandbox.id());
        }
        // The sandbox's removal takes the mapping with it.
        assertThatThrownBy(() -> new Socket("127.0.0.1", 18080).close()).isInstanceOf(IOException.class);
    }

    @Test
    void containerStatsCountABusyContainersCpuAndMemory() {
        PodSandboxConfig pod = pod("busy-1");
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        try {
            String id = runtime.createContainer(sandbox.id(), container(pod, "loop", BUSYBOX,
                    List.of("sh", "-c", "while :; do :; done"), Resources.NONE));
            runtime.startContainer(id);
            var first = await().atMost(Duration.ofSeconds(20)).until(() -> usageOf(id), u -> u != null && u.cpuUsageNanos() > 0);
            var later = await().atMost(Duration.ofSeconds(20)).until(() -> usageOf(id),
                    u -> u != null && u.cpuUsageNanos() > first.cpuUsageNanos() && u.timestamp().isAfter(first.timestamp()));
            assertThat(later.workingSetBytes()).isPositive();
            // A busy loop uses close to a core between two samples.
            double cores = dev.j8s.agent.metrics.NodeResourceMetrics.cpuRate(first.cpuUsageNanos(), first.timestamp(),
                    later.cpuUsageNanos(), later.timestamp());
            assertThat(cores).isGreaterThan(0.2);
        } finally {
            runtime.stopPodSandbox(sandbox.id());
            runtime.removePodSandbox(sandbox.id());
        }
    }

    private static dev.j8s.agent.runtime.ContainerUsage usageOf(String id) {
        return runtime.containerUsage().stream().filter(u -> u.containerId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void pullPoliciesDecideWhetherToPull() {
        runtime.ensureImage(BUSYBOX, ImagePullPolicy.NEVER, List.of());
        assertThatThrownBy(() -> runtime.ensureImage("127.0.0.1:1/j8s-test/absent:1", ImagePullPolicy.NEVER, List.of()))
                .isInstanceOfSatisfying(ImagePullFailure.class, f -> assertThat(f.reason()).isEqualTo("ErrImageNeverPull"))
                .hasMessage("Container image \"127.0.0.1:1/j8s-test/absent:1\" is not present with pull policy of Never");
        // Nothing listens on 127.0.0.1:1: the pull fails as the kubelet reports it.
        assertThatThrownBy(() -> runtime.ensureImage("127.0.0.1:1/j8s-test/absent:1", ImagePullPolicy.IF_NOT_PRESENT, List.of()))
                .isInstanceOfSatisfying(ImagePullFailure.class, f -> assertThat(f.reason()).isEqualTo("ErrImagePull"))
                .hasMessageStartingWith("rpc error: code = ");
    }

    @Test
    void theSandboxsDnsConfigIsThePodsResolvConf() {
        PodSandboxConfig plain = pod("dns-1");
        PodSandboxConfig pod = new PodSandboxConfig(plain.podUid(), plain.namespace(), plain.name(), plain.hostname(),
                plain.logDirectory(), plain.labels(), List.of(), new DnsConfig(List.of("10.43.0.10"),
                List.of("default.svc.cluster.local", "svc.cluster.local", "cluster.local"), List.of("ndots:5")));
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        runtime.ensureImage(BUSYBOX, ImagePullPolicy.IF_NOT_PRESENT, List.of());
        String id = runtime.createContainer(sandbox.id(), container(pod, "c", BUSYBOX, List.of("sleep", "3600"),
                Resources.ofLimits(32L << 20, 100)));
        runtime.startContainer(id);
        List<String> lines = runtime.execSync(id, List.of("cat", "/etc/resolv.conf"), Duration.ofSeconds(10)).stdout()
                .lines().map(String::strip).toList();
        assertThat(lines).contains("nameserver 10.43.0.10",
                "search default.svc.cluster.local svc.cluster.local cluster.local", "options ndots:5");
        runtime.stopPodSandbox(sandbox.id());
        runtime.removePodSandbox(sandbox.id());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void attachReachesTheMainProcessAndTerminalsFollowTheClientsSize() throws Exception {
        PodSandboxConfig pod = pod("attach-1");
        PodSandboxStatus sandbox = runtime.runPodSandbox(pod);
        runtime.ensureImage(BUSYBOX, ImagePullPolicy.IF_NOT_PRESENT, List.of());
        ContainerConfig plain = container(pod, "reader", BUSYBOX, List.of("sh", "-c",
                "echo started; while read l; do echo \"got $l\"; echo \"err $l\" >&2; done; echo eof; sleep 3600"),
                Resources.NONE);
        String reader = runtime.createContainer(sandbox.id(), withStdio(plain, new StdioConfig(true, false, false)));
        runtime.startContainer(reader);
        for (String word : List.of("one", "two")) {
            // Each attach writes to the same stdin: without stdinOnce it stays open between sessions.
            try (ExecProcess attach = runtime.attach(reader, true, false)) {
                attach.stdin().write((word + "\n").getBytes(StandardCharsets.UTF_8));
                assertThat(readUntil(attach.stdout(), "got " + word + "\n")).doesNotContain("started");
                assertThat(readUntil(attach.stderr(), "err " + word + "\n")).isEqualTo("err " + word + "\n");
            }
        }
        String log = Files.readString(plain.logPath());
        assertThat(log).contains("stdout F got one", "stderr F err two").doesNotContain("eof");

        ContainerConfig shell = container(pod, "shell", BUSYBOX, List.of("sh"), Resources.NONE);
        String terminal = runtime.createContainer(sandbox.id(), withStdio(shell, new StdioConfig(true, false, true)));
        runtime.startContainer(terminal);
        try (ExecProcess attach = runtime.attach(terminal, true, true)) {
            for (int[] size : List.of(new int[] {100, 30}, new int[] {120, 40})) {
                attach.resize(size[0], size[1]);
                attach.stdin().write("stty size\n".getBytes(StandardCharsets.UTF_8));
                readUntil(attach.stdout(), size[1] + " " + size[0]);
            }
        }
        try (ExecProcess exec = runtime.exec(reader, List.of("sh", "-c",
                "for i in $(seq 1 25); do s=$(stty size 2>/dev/null); case \"$s\" in ''|'0 0') sleep 0.2;; *) break;; esac; done; "
                        + "echo \"size=$s\"; exit 3"), true, true)) {
            // kubectl asks for a terminal only with stdin (SetupTTY), as here. The size can reach the console after
            // the command started (so can the console itself settle): the command waits for a real size.
            exec.resize(91, 23);
            assertThat(new String(exec.stdout().readAllBytes(), StandardCharsets.UTF_8)).contains("size=23 91");
            assertThat(exec.exitCode().get()).isEqualTo(3);
        }
        runtime.stopPodSandbox(sandbox.id());
        runtime.removePodSandbox(sandbox.id());
    }

    private static ContainerConfig withStdio(ContainerConfig c, StdioConfig stdio) {
        return new ContainerConfig(c.name(), c.attempt(), c.image(), c.command(), c.args(), c.workingDir(), c.env(),
                c.mounts(), c.logPath(), c.resources(), c.labels(), stdio);
    }

    private static PodSandboxConfig pod(String name) {
        String uid = UUID.randomUUID().toString();
        return new PodSandboxConfig(uid, "default", name, name, dir.resolve("pods").resolve(uid),
                Map.of("io.kubernetes.pod.uid", uid));
    }

    private static ContainerConfig container(PodSandboxConfig pod, String name, String image, List<String> command,
                                             Resources resources) throws RuntimeException {
        try {
            Files.createDirectories(pod.logDirectory());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return new ContainerConfig(name, 2, image, command, List.of(), "", Map.of("J8S_TEST", "1"), List.of(),
                pod.logDirectory().resolve(name).resolve("2.log"), resources, Map.of("io.kubernetes.container.name", name));
    }
}
