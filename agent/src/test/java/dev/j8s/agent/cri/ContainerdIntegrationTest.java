package dev.j8s.agent.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.j8s.agent.cri.v1.AuthConfig;
import dev.j8s.agent.cri.v1.ContainerConfig;
import dev.j8s.agent.cri.v1.ContainerFilter;
import dev.j8s.agent.cri.v1.ContainerMetadata;
import dev.j8s.agent.cri.v1.ContainerState;
import dev.j8s.agent.cri.v1.ContainerStatus;
import dev.j8s.agent.cri.v1.ExecRequest;
import dev.j8s.agent.cri.v1.ImageFilter;
import dev.j8s.agent.cri.v1.ImageSpec;
import dev.j8s.agent.cri.v1.KeyValue;
import dev.j8s.agent.cri.v1.PodSandboxConfig;
import dev.j8s.agent.cri.v1.PodSandboxFilter;
import dev.j8s.agent.cri.v1.PodSandboxMetadata;
import dev.j8s.agent.cri.v1.PodSandboxState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * j8s's own containerd, driven through CRI like the kubelet drives it: images pulled from a local plain-HTTP
 * registry, pod sandboxes on the test bridge, containers whose logs, HTTP answers and exec output are
 * checked from the host. Needs root and the packages of scripts/install-node-deps.sh; leaves no
 * processes, mounts, network namespaces or bridges behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerdIntegrationTest {
  // A bridge and subnet of their own, so a j8s node on this machine (j8s0, 10.42.0.0/24) is not disturbed.
  private static final String BRIDGE = "j8stest0";
  private static final String SUBNET = "10.42.254.0/24";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  private static Path repo;
  private static Path registryDir;
  private static String registry;
  private static ManagedContainerd containerd;
  private static CriClient cri;
  private static String ipForwardBefore;
  private static boolean criCgroupBefore;
  private static final Path CRI_CGROUP = Path.of("/sys/fs/cgroup/memory/k8s.io");

  @BeforeAll
  static void startContainerdAndRegistry() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "containerd needs root");
    repo = Path.of("").toAbsolutePath().getParent();
    Path images = Path.of(run(repo.resolve("scripts/test-images.sh").toString()).strip().lines()
        .reduce((a, b) -> b).orElseThrow());
    registryDir = dir.resolve("registry");
    int port = freePort();
    registry = "127.0.0.1:" + port;
    run(repo.resolve("scripts/local-registry.sh").toString(), "start", registryDir.toString(),
        Integer.toString(port), images.toString());

    ContainerdOptions options = ContainerdOptions.defaults(dir.resolve("node"))
        .withSandboxImage(ContainerdOptions.LOCAL_PAUSE_IMAGE)
        .withPlainHttpRegistries(List.of(registry))
        .withNetwork(BRIDGE, SUBNET);
    assumeTrue(!Files.exists(Path.of("/sys/class/net", BRIDGE)), "bridge " + BRIDGE + " is in use");
    ipForwardBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip();
    criCgroupBefore = Files.exists(CRI_CGROUP);
    containerd = ManagedContainerd.start(options);
    cri = containerd.cri();
    // What the kubelet does once the node has spec.podCIDR: containerd writes the pod network from it.
    cri.updateRuntimeConfig(SUBNET);
    containerd.importImages(images.resolve("pause_3.9.tar"));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    try {
      if (containerd != null) {
        containerd.close();
      }
    } finally {
      if (registryDir != null) {
        run(repo.resolve("scripts/local-registry.sh").toString(), "stop", registryDir.toString());
      }
    }
  }

  @Test
  @Order(1)
  void answersVersionAndPullsFromThePlainHttpRegistry() {
    assertThat(containerd.version().getRuntimeName()).isEqualTo("containerd");
    assertThat(containerd.version().getRuntimeApiVersion()).isEqualTo("v1");
    assertThat(cri.imageStatus(image("busybox:latest"))).isEmpty();

    String busybox = cri.pullImage(image("busybox:latest"));
    String echo = cri.pullImage(image("echo:v1"));

    assertThat(busybox).startsWith("sha256:");
    assertThat(cri.imageStatus(image("echo:v1"))).hasValueSatisfying(i -> assertThat(i.getId()).isEqualTo(echo));
    assertThat(cri.listImages(ImageFilter.getDefaultInstance()))
        .flatMap(i -> i.getRepoTagsList())
        .contains(image("busybox:latest"), image("echo:v1"), ContainerdOptions.LOCAL_PAUSE_IMAGE);
    assertThat(cri.imageFsInfo().getImageFilesystemsList()).isNotEmpty();
  }

  @Test
  @Order(2)
  void reportsMissingImagesAndObjectsAsDomainErrors() {
    assertThatThrownBy(() -> cri.pullImage(image("busybox:no-such-tag")))
        .isInstanceOfSatisfying(CriException.ImagePull.class,
            e -> assertThat(e.image()).isEqualTo(image("busybox:no-such-tag")))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> cri.containerStatus("no-such-container"))
        .isInstanceOf(CriException.NotFound.class)
        .hasMessageStartingWith("ContainerStatus: ");
  }

  @Test
  @Order(3)
  void pullsWithRegistryCredentials() throws Exception {
    Path authDir = dir.resolve("registry-auth");
    String authRegistry = "127.0.0.1:" + freePort();
    String image = authRegistry + "/j8s-test/busybox:latest";
    ProcessBuilder start = new ProcessBuilder(repo.resolve("scripts/local-registry.sh").toString(), "start",
        authDir.toString(), authRegistry.substring(authRegistry.indexOf(':') + 1));
    start.environment().put("J8S_REGISTRY_AUTH", "alice:s3cret");
    try {
      assertThat(start.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
          .start().waitFor()).isZero();
      containerd.allowPlainHttpRegistry(authRegistry);

      assertThatThrownBy(() -> cri.pullImage(image)).isInstanceOf(CriException.ImagePull.class)
          .hasMessageContaining("401");
      String ref = cri.pullImage(image,
          AuthConfig.newBuilder().setUsername("alice").setPassword("s3cret").setServerAddress("http://" + authRegistry).build(),
          null);
      assertThat(ref).startsWith("sha256:");
    } finally {
      run(repo.resolve("scripts/local-registry.sh").toString(), "stop", authDir.toString());
    }
  }

  @Test
  @Order(4)
  void runsAContainerAndWritesItsOutputToTheCriLog() throws Exception {
    cri.pullImage(image("busybox:latest"));
    PodSandboxConfig pod = pod("hello");
    String sandbox = cri.runPodSandbox(pod, "");
    String id = cri.createContainer(sandbox, container("hello", "busybox:latest", List.of("echo", "hello")), pod);
    cri.startContainer(id);

    await().atMost(WAIT).until(() -> cri.containerStatus(id).getStatus().getState() == ContainerState.CONTAINER_EXITED);
    ContainerStatus status = cri.containerStatus(id).getStatus();
    assertThat(status.getExitCode()).isZero();
    assertThat(status.getReason()).isEqualTo("Completed");
    // CRI log lines: "<RFC3339Nano time> stdout F hello"
    assertThat(Files.readAllLines(Path.of(status.getLogPath())))
        .anySatisfy(line -> assertThat(line).endsWith(" stdout F hello"));

    cri.stopPodSandbox(sandbox);
    cri.removePodSandbox(sandbox);
    assertThat(cri.listPodSandbox(PodSandboxFilter.newBuilder().setId(sandbox).build())).isEmpty();
  }

  @Test
  @Order(5)
  void servesHttpFromThePodIpAndExecsInTheContainer() throws Exception {
    cri.pullImage(image("echo:v1"));
    PodSandboxConfig pod = pod("echo-v1-abc12");
    String sandbox = cri.runPodSandbox(pod, "");
    String id = cri.createContainer(sandbox, container("echo", "echo:v1", List.of()), pod);
    cri.startContainer(id);

    var sandboxStatus = cri.podSandboxStatus(sandbox).getStatus();
    assertThat(sandboxStatus.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
    String ip = sandboxStatus.getNetwork().getIp();
    assertThat(ip).startsWith("10.42.254.");

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(5)).build();
    String body = await().atMost(WAIT).ignoreExceptions()
        .until(() -> http.send(get, HttpResponse.BodyHandlers.ofString()).body(), b -> b.contains("version="));
    assertThat(body).contains("version=v1").contains("hostname=echo-v1-abc12");

    ExecResult hostname = cri.execSync(id, List.of("cat", "/etc/hostname"), Duration.ofSeconds(10));
    assertThat(hostname.exitCode()).isZero();
    assertThat(hostname.stdoutText().strip()).isEqualTo("echo-v1-abc12");
    assertThat(cri.execSync(id, List.of("sh", "-c", "echo oops >&2; exit 3"), Duration.ofSeconds(10)))
        .satisfies(r -> assertThat(r.exitCode()).isEqualTo(3), r -> assertThat(r.stderrText()).isEqualTo("oops\n"));

    assertThat(cri.exec(ExecRequest.newBuilder().setContainerId(id).addCmd("sh").setStdout(true).build()))
        .hasScheme("http").hasHost("127.0.0.1");
    assertThat(cri.portForward(sandbox, List.of(8080))).hasHost("127.0.0.1");
    assertThat(cri.listContainers(ContainerFilter.newBuilder().setPodSandboxId(sandbox).build()))
        .singleElement().satisfies(c -> assertThat(c.getState()).isEqualTo(ContainerState.CONTAINER_RUNNING));
    assertThat(cri.containerStats(id).getAttributes().getId()).isEqualTo(id);

    cri.stopContainer(id, Duration.ofSeconds(5));
    assertThat(cri.containerStatus(id).getStatus().getState()).isEqualTo(ContainerState.CONTAINER_EXITED);
    cri.removeContainer(id);
    cri.stopPodSandbox(sandbox);
    cri.removePodSandbox(sandbox);
  }

  /** The other test images answer as other helpers' tests expect: nginx on 80, echo:v2 with its version. */
  @Test
  @Order(6)
  void servesTheNginxAndEchoV2TestImages() throws Exception {
    assertThat(httpGetFromNewPod("nginx-1", "nginx:latest", 80)).contains("Welcome to nginx!");
    assertThat(httpGetFromNewPod("echo-v2-1", "echo:v2", 8080)).contains("version=v2 hostname=echo-v2-1");
  }

  private static String httpGetFromNewPod(String name, String imageRef, int port) {
    cri.pullImage(image(imageRef));
    PodSandboxConfig pod = pod(name);
    String sandbox = cri.runPodSandbox(pod, "");
    try {
      String id = cri.createContainer(sandbox, container(name, imageRef, List.of()), pod);
      cri.startContainer(id);
      String ip = cri.podSandboxStatus(sandbox).getStatus().getNetwork().getIp();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + "/"))
          .timeout(Duration.ofSeconds(5)).build();
      return await().atMost(WAIT).ignoreExceptions()
          .until(() -> http.send(get, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200).body();
    } finally {
      cri.stopPodSandbox(sandbox);
      cri.removePodSandbox(sandbox);
    }
  }

  /** The closing note's number: how long a pod with a local image takes to start, p50 and p99 of 10. */
  @Test
  @Order(7)
  void measuresPodStartLatency() {
    cri.pullImage(image("busybox:latest"));
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      PodSandboxConfig pod = pod("latency-" + i);
      long start = System.nanoTime();
      String sandbox = cri.runPodSandbox(pod, "");
      String id = cri.createContainer(sandbox, container("sleep", "busybox:latest", List.of("sleep", "3600")), pod);
      cri.startContainer(id);
      millis.add((System.nanoTime() - start) / 1_000_000);
      assertThat(cri.containerStatus(id).getStatus().getState()).isEqualTo(ContainerState.CONTAINER_RUNNING);
      cri.stopPodSandbox(sandbox);
      cri.removePodSandbox(sandbox);
    }
    Collections.sort(millis);
    System.out.printf("CRI pod start (RunPodSandbox+CreateContainer+StartContainer), 10 tries: p50=%d ms p99=%d ms all=%s%n",
        millis.get(4), millis.get(9), millis);
    assertThat(millis.get(4)).isLessThan(10_000);
  }

  @Test
  @Order(8)
  void leavesNoProcessesMountsNetnsOrBridgeBehind() throws Exception {
    long pid = containerd.pid();
    ContainerdOptions options = containerd.options();
    containerd.close();

    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThat(ContainerdLeftovers.shims(options)).isEmpty();
    assertThat(ContainerdLeftovers.mountsUnder(dir)).isEmpty();
    assertThat(Path.of("/sys/class/net", BRIDGE)).doesNotExist();
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("cni-");
    assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip()).isEqualTo(ipForwardBefore);
    assertThat(Files.exists(CRI_CGROUP)).as("cgroup %s exists", CRI_CGROUP).isEqualTo(criCgroupBefore);
  }

  private static String image(String nameAndTag) {
    return registry + "/j8s-test/" + nameAndTag;
  }

  private static PodSandboxConfig pod(String name) {
    String uid = UUID.randomUUID().toString();
    return PodSandboxConfig.newBuilder()
        .setMetadata(PodSandboxMetadata.newBuilder().setName(name).setNamespace("default").setUid(uid).build())
        .setHostname(name)
        .setLogDirectory(dir.resolve("pods").resolve("default_" + name + "_" + uid).toString())
        .putLabels("io.kubernetes.pod.name", name)
        .build();
  }

  private static ContainerConfig container(String name, String imageRef, List<String> command) {
    return ContainerConfig.newBuilder()
        .setMetadata(ContainerMetadata.newBuilder().setName(name).build())
        .setImage(ImageSpec.newBuilder().setImage(image(imageRef)).build())
        .addAllCommand(command)
        .addEnvs(KeyValue.newBuilder().setKey("J8S_TEST").setValue("1").build())
        .setLogPath(name + "/0.log")
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("%s exit code", String.join(" ", command)).isZero();
    return out;
  }
}
