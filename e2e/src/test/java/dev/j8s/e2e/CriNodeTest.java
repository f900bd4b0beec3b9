package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code j8s server} with its local node on containerd (cri runtime), driven by the real kubectl: images
 * from a local plain-HTTP registry, pods on the j8s0 bridge (10.42.0.0/24) answering HTTP from their IP,
 * a memory limit that OOM-kills, a missing image backing off, and a server killed with SIGKILL whose
 * containers keep running and are adopted again. Needs root and scripts/install-node-deps.sh; stops
 * containerd (and with it pods, mounts, network namespaces and the bridge) even when a test fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CriNodeTest {

    private static final String NODE = "cri-node";

    @TempDir
    static Path dir;

    static CriCluster cluster;
    static J8sProcess server;
    static Kubectl kubectl;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = CriCluster.start(dir, NODE, List.of());
        server = cluster.server;
        kubectl = cluster.kubectl;
        assertThat(kubectl.run("get", "node", NODE, "-o", "jsonpath={.status.nodeInfo.containerRuntimeVersion}")
                .out()).startsWith("containerd://");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aDeploymentFromTheLocalRegistryServesHttpFromItsPodIp() throws Exception {
        // The readiness probe is an HTTP GET: it reaches the pod at its own IP, not the host's loopback.
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: echo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: echo}}
                  template:
                    metadata: {labels: {app: echo}}
                    spec:
                      containers:
                      - name: echo
                        image: %s
                        ports: [{containerPort: 8080}]
                        readinessProbe:
                          httpGet: {path: /, port: 8080}
                          periodSeconds: 1
                """.formatted(image("echo:v1"));
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        kubectl.run("rollout", "status", "deployment/echo", "--timeout=90s").assertOk();
        String pod = jsonpath("pods -l app=echo", "{.items[0].metadata.name}");
        assertThat(jsonpath("pod/" + pod, "{.status.phase}")).isEqualTo("Running");
        assertThat(jsonpath("pod/" + pod, "{.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("True");
        assertThat(jsonpath("pod/" + pod, "{.status.containerStatuses[0].containerID}")).startsWith("containerd://");
        String ip = jsonpath("pod/" + pod, "{.status.podIP}");
        assertThat(ip).startsWith("10.42.0.");

        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(5)).build();
        String body = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> http.send(get, HttpResponse.BodyHandlers.ofString()).body(), b -> b.contains("version="));
        assertThat(body).contains("version=v1").contains(pod);
    }

    @Test
    @Order(2)
    void aContainerPastItsMemoryLimitIsOomKilled() {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: hog}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: hog
                    image: %s
                    command: ["sh", "-c", "x=a; while true; do x=$x$x; done"]
                    resources:
                      limits: {memory: 32Mi}
                """.formatted(image("busybox:latest"));
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> jsonpath("pod/hog", "{.status.phase}").equals("Failed"));
        assertThat(jsonpath("pod/hog", "{.status.containerStatuses[0].state.terminated.reason}")).isEqualTo("OOMKilled");
        assertThat(jsonpath("pod/hog", "{.status.containerStatuses[0].state.terminated.exitCode}")).isEqualTo("137");
        assertThat(kubectl.run("get", "pod", "hog").out()).contains("OOMKilled");
        kubectl.run("delete", "pod", "hog", "--wait=false").assertOk();
    }

    @Test
    @Order(3)
    void aMissingImageShowsErrImagePullThenImagePullBackOff() throws Exception {
        kubectl.run("run", "nope", "--image=" + image("nope:1"), "--restart=Never").assertOk();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        // A watch sees every status the kubelet writes; polling could miss the short ErrImagePull phases.
        Process watch = kubectl.start("get", "pod", "nope", "--watch", "--no-headers");
        try {
            Thread reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        for (String status : List.of("ErrImagePull", "ImagePullBackOff")) {
                            if (line.contains(" " + status + " ")) {
                                seen.add(status);
                            }
                        }
                    }
                } catch (IOException e) {
                    // the watch was stopped
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.containsAll(List.of("ErrImagePull", "ImagePullBackOff")));
            reader.interrupt();
        } finally {
            watch.destroy();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(jsonpath("pod/nope", "{.status.containerStatuses[0].state.waiting.message}"))
                .satisfiesAnyOf(m -> assertThat(m).contains("Back-off pulling image \"" + image("nope:1") + "\""),
                        m -> assertThat(m).contains("not found"));
        assertThat(jsonpath("pod/nope", "{.status.phase}")).isEqualTo("Pending");
        kubectl.run("delete", "pod", "nope", "--wait=false").assertOk();
    }

    @Test
    @Order(4)
    void pullsFromARegistryThatWantsALoginWithThePodsImagePullSecret() throws Exception {
        Path authDir = dir.resolve("registry-auth");
        String authRegistry = "127.0.0.1:" + freePort();
        ProcessBuilder start = new ProcessBuilder(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(),
                "start", authDir.toString(), authRegistry.substring(authRegistry.indexOf(':') + 1), cluster.images.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
        start.environment().put("J8S_REGISTRY_AUTH", "alice:s3cret");
        try {
            assertThat(start.start().waitFor()).isZero();
            kubectl.run("create", "secret", "docker-registry", "regcred", "--docker-server=" + authRegistry,
                    "--docker-username=alice", "--docker-password=s3cret").assertOk();
            String manifest = """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s}
                    spec:
                      terminationGracePeriodSeconds: 1
                      %s
                      containers:
                      - name: app
                        image: %s/j8s-test/busybox:latest
                        command: ["sleep", "3600"]
                    """;
            kubectl.runWithInput(manifest.formatted("with-secret", "imagePullSecrets: [{name: regcred}]", authRegistry),
                    "apply", "-f", "-").assertOk();
            kubectl.runWithInput(manifest.formatted("without-secret", "", authRegistry), "apply", "-f", "-").assertOk();
            kubectl.run("wait", "pod/with-secret", "--for=condition=Ready", "--timeout=60s").assertOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> jsonpath("pod/without-secret",
                    "{.status.containerStatuses[0].state.waiting.reason}").matches("ErrImagePull|ImagePullBackOff"));
            kubectl.run("delete", "pod", "with-secret", "without-secret", "--wait=false").assertOk();
        } finally {
            run(J8sProcess.ROOT.resolve("scripts/local-registry.sh").toString(), "stop", authDir.toString());
        }
    }

    @Test
    @Order(5)
    void measuresPodStartupLatencyOnCri() {
        List<Long> millis = startupLatency(kubectl, image("busybox:latest"), "IfNotPresent");
        report("cri (containerd)", millis);
        assertThat(median(millis)).isLessThan(15_000);
    }

    @Test
    @Order(6)
    void containersOutliveAServerKilledWithSigkillAndAreAdoptedAgain() throws Exception {
        String pod = jsonpath("pods -l app=echo", "{.items[0].metadata.name}");
        String containerId = jsonpath("pod/" + pod, "{.status.containerStatuses[0].containerID}");
        String ip = jsonpath("pod/" + pod, "{.status.podIP}");
        assertThat(containerId).startsWith("containerd://");

        server.kill();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/")).timeout(Duration.ofSeconds(5)).build();
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).body()).as("served while j8s is down")
                .contains("version=v1");

        server.relaunch();
        awaitNodeReady(kubectl, NODE);
        kubectl.run("wait", "pod/" + pod, "--for=condition=Ready", "--timeout=60s").assertOk();
        // A few syncs of the restarted agent: the container it found must stay the one it keeps.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                jsonpath("pod/" + pod, "{.status.containerStatuses[0].containerID}").equals(containerId));
        assertThat(jsonpath("pod/" + pod, "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        assertThat(jsonpath("pod/" + pod, "{.status.podIP}")).isEqualTo(ip);
        assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).body()).contains("version=v1").contains(pod);
    }

    /** The process runtime's figure for the same workload, side by side with cri's in the report. */
    @Test
    @Order(7)
    void measuresPodStartupLatencyOnProcess() throws Exception {
        try (J8sProcess processServer = J8sProcess.startWithLocalNode(dir.resolve("process-data"), "process-node",
                List.of("--runtime", "process"))) {
            Kubectl k = new Kubectl(Kubectl.pinned(), processServer.kubeconfig());
            awaitNodeReady(k, "process-node");
            List<Long> millis = startupLatency(k, "busybox", "IfNotPresent");
            report("process", millis);
            k.run("delete", "pod", "-l", "latency=true", "--grace-period=1").assertOk();
        }
    }

    /** create → Ready of 20 pods, one after the other, as the client sees it (kubectl create to kubectl wait). */
    private static List<Long> startupLatency(Kubectl k, String image, String pullPolicy) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String manifest = """
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: lat-%d, labels: {latency: "true"}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: sleep
                        image: %s
                        imagePullPolicy: %s
                        command: ["sleep", "3600"]
                    """.formatted(i, image, pullPolicy);
            long start = System.nanoTime();
            k.runWithInput(manifest, "create", "-f", "-").assertOk();
            k.run("wait", "pod/lat-" + i, "--for=condition=Ready", "--timeout=90s").assertOk();
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        k.run("delete", "pod", "-l", "latency=true", "--wait=false").assertOk();
        return millis;
    }

    private static void report(String runtime, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("pod startup (kubectl create -> Ready), %s, 20 pods one by one: p50=%d ms p90=%d ms max=%d ms%n",
                runtime, sorted.get(9), sorted.get(17), sorted.get(19));
    }

    private static long median(List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void awaitNodeReady(Kubectl k, String node) {
        CriCluster.awaitNodeReady(k, node);
    }

    private static String jsonpath(String resource, String path) {
        return cluster.jsonpath(resource, path);
    }

    private static String image(String nameAndTag) {
        return cluster.image(nameAndTag);
    }

    private static int freePort() throws IOException {
        return CriCluster.freePort();
    }

    private static String run(String... command) throws IOException, InterruptedException {
        return CriCluster.run(command);
    }
}
