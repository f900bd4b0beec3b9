package dev.j8s.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.j8s.apiserver.pki.IssuedCert;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl 1.32 against the in-process API server, which relays logs, exec, attach, cp and port-forward
 * to a real agent HTTPS server (mutual TLS from the cluster CA) whose pods are host processes and files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlStreamingTest {

    private Path dir;

    private ApiServerFixture api;
    private AgentServer agent;
    private HostPodStreams node;
    private HttpServer web;
    private KubectlRunner kubectl;
    private HostPodStreams.TestContainer app;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        api = new ApiServerFixture(dir);
        IssuedCert serving = api.pki.issueServingCert("j8s-agent-test", List.of("127.0.0.1", "localhost"),
                Duration.ofDays(1));
        node = new HostPodStreams();
        agent = new AgentServer(new AgentServer.Config("127.0.0.1", 0,
                AgentTls.serverContext(serving.certPem(), serving.keyPem(), api.pki.caPem()), null, null), node).start();
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "hello from the pod\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        node.mapPort(8080, web.getAddress().getPort());

        KubeClient client = api.newClient();
        Node created = client.resources(Node.class).create(new NodeBuilder().withNewMetadata().withName("test-node")
                .endMetadata().build());
        created.setStatus(new NodeStatusBuilder().addNewAddress().withType("InternalIP").withAddress("127.0.0.1")
                .endAddress().withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(agent.port())
                .endKubeletEndpoint().endDaemonEndpoints().build());
        client.resources(Node.class).updateStatus(created);
        runningPod(client, "web", "test-node", "app");
        runningPod(client, "duo", "test-node", "a", "b");
        runningPod(client, "pending", null, "c");
        runningPod(client, "tailer", "test-node", "follower");

        app = container("web", "app", List.of("first line", "second line", "third line"),
                List.of("from the previous run"));
        container("duo", "a", List.of("I am a"), null);
        container("duo", "b", List.of("I am b"), null);
        kubectl = new KubectlRunner(api.kubeconfig);
    }

    @AfterAll
    void stopCluster() {
        if (node != null) {
            node.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (web != null) {
            web.stop(0);
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void logsWithTailTimestampsPreviousAndContainer() throws Exception {
        assertThat(kubectl.run("logs", "web").out()).isEqualTo("first line\nsecond line\nthird line\n");
        assertThat(kubectl.run("logs", "web", "--tail=1").out()).isEqualTo("third line\n");
        assertThat(kubectl.run("logs", "web", "--previous").out()).isEqualTo("from the previous run\n");
        assertThat(kubectl.run("logs", "duo", "-c", "b").out()).isEqualTo("I am b\n");
        assertThat(kubectl.run("logs", "web", "--timestamps", "--tail=1").out())
                .matches("2026-01-01T00:00:02\\.000000000Z third line\n");
        assertThat(kubectl.run("logs", "web", "--since-time=2026-01-01T00:00:01Z").out())
                .isEqualTo("second line\nthird line\n");
    }

    @Test
    void logErrorsComeFromTheServer() throws Exception {
        KubectlRunner.Result ambiguous = kubectl.run("get", "--raw", "/api/v1/namespaces/default/pods/duo/log");
        assertThat(ambiguous.exitCode()).isNotZero();
        assertThat(ambiguous.err()).contains("a container name must be specified for pod duo, choose one of: [a b]");
        KubectlRunner.Result pending = kubectl.run("logs", "pending");
        assertThat(pending.exitCode()).isNotZero();
        assertThat(pending.err()).contains("container \"c\" in pod \"pending\" is waiting to start: ContainerCreating");
    }

    @Test
    void followSeesAppendedLinesAndEndsWhenTheContainerStops() throws Exception {
        Path file = dir.resolve("follow.log");
        Files.writeString(file, line(0, "before follow"));
        HostPodStreams.TestContainer follower = new HostPodStreams.TestContainer(file, null);
        node.addContainer("default", "tailer", "follower", follower);
        try (KubectlRunner.Running logs = kubectl.start(null, "logs", "-f", "tailer")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.out().contains("before follow"));
            Files.writeString(file, line(5, "appended while following"), StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(20)).until(() -> logs.out().contains("appended while following"));
            assertThat(logs.process.isAlive()).isTrue();
            follower.running = false;
            KubectlRunner.Result done = logs.await(20);
            assertThat(done.exitCode()).isZero();
            assertThat(done.out()).isEqualTo("before follow\nappended while following\n");
        }
    }

    @Test
    void execPropagatesOutputErrorsAndExitCode() throws Exception {
        KubectlRunner.Result result = kubectl.run("exec", "web", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).startsWith("err\n").contains("command terminated with exit code 3");
        assertThat(kubectl.run("exec", "web", "--", "true").exitCode()).isZero();
    }

    @Test
    void execWithStdin() throws Exception {
        KubectlRunner.Result result = kubectl.runWithInput("line one\nline two\n", "exec", "-i", "web", "--", "sh", "-c",
                "tr a-z A-Z");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("LINE ONE\nLINE TWO\n");
    }

    @Test
    void execOverSpdyWhenWebSocketsAreOff() throws Exception {
        try (KubectlRunner.Running run = kubectl.startWithEnv(Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"),
                "through spdy\n", "exec", "-i", "web", "--", "sh", "-c", "cat; echo err >&2; exit 5")) {
            KubectlRunner.Result result = run.await(60);
            assertThat(result.out()).isEqualTo("through spdy\n");
            assertThat(result.err()).startsWith("err\n").contains("command terminated with exit code 5");
            assertThat(result.exitCode()).isEqualTo(5);
        }
    }

    @Test
    void largeStreamsArriveCompleteInBothDirections() throws Exception {
        long start = System.nanoTime();
        KubectlRunner.Result down = kubectl.run("exec", "web", "--", "head", "-c", "20000000", "/dev/zero");
        long downMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).hasSize(20_000_000);
        start = System.nanoTime();
        KubectlRunner.Result up = kubectl.runWithInput("x".repeat(20_000_000), "exec", "-i", "web", "--", "wc", "-c");
        long upMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(up.out().trim()).isEqualTo("20000000");
        System.out.printf("exec relay: 20 MB stdout in %d ms, 20 MB stdin in %d ms%n", downMillis, upMillis);
    }

    @Test
    void execWithTerminal() throws Exception {
        Path script = dir.resolve("tty-exec.sh");
        Files.writeString(script, "exec '" + kubectl.binary() + "' --kubeconfig='" + kubectl.kubeconfig()
                + "' exec -it web -- sh -c 'test -t 0 && test -t 1 && echo is-a-tty; exit 4'\n");
        // kubectl only asks for a TTY when its own stdin is a terminal: script(1) gives it one.
        try (KubectlRunner.Running run = KubectlRunner.startCommand(
                List.of("script", "-qfec", "sh " + script, "/dev/null"), null)) {
            KubectlRunner.Result result = run.await(60);
            assertThat(result.out()).contains("is-a-tty");
            assertThat(result.exitCode()).isEqualTo(4);
        }
    }

    @Test
    void attachToTheMainProcess() throws Exception {
        KubectlRunner.Result result = kubectl.runWithInput("ping\n", "attach", "-i", "web");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("ping\n");
    }

    @Test
    void attachOverSpdyWhenWebSocketsAreOff() throws Exception {
        try (KubectlRunner.Running run = kubectl.startWithEnv(Map.of("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"),
                "over spdy\n", "attach", "-i", "web")) {
            KubectlRunner.Result result = run.await(60);
            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("over spdy\n");
        }
    }

    @Test
    void copyFilesInAndOut() throws Exception {
        Path podDir = Files.createDirectories(dir.resolve("pod-fs"));
        Path local = Files.writeString(dir.resolve("local.txt"), "copied through kubectl cp\n");
        KubectlRunner.Result in = kubectl.run("cp", local.toString(), "default/web:" + podDir.resolve("in.txt"));
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(Files.readString(podDir.resolve("in.txt"))).isEqualTo("copied through kubectl cp\n");

        Path back = dir.resolve("back.txt");
        KubectlRunner.Result out = kubectl.run("cp", "default/web:" + podDir.resolve("in.txt"), back.toString());
        assertThat(out.exitCode()).as(out.err()).isZero();
        assertThat(Files.readString(back)).isEqualTo("copied through kubectl cp\n");
    }

    @Test
    void portForwardOverTheWebSocketTunnel() throws Exception {
        portForward(Map.of());
    }

    @Test
    void portForwardOverPlainSpdy() throws Exception {
        // kubectl's switch back to the SPDY/3.1 upgrade it used before 1.31.
        portForward(Map.of("KUBECTL_PORT_FORWARD_WEBSOCKETS", "false"));
    }

    private void portForward(Map<String, String> env) throws Exception {
        try (KubectlRunner.Running forward = kubectl.startWithEnv(env, null, "port-forward", "pod/web", "0:8080")) {
            Pattern forwarding = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 8080");
            await().atMost(Duration.ofSeconds(20)).until(() -> forwarding.matcher(forward.out()).find());
            Matcher m = forwarding.matcher(forward.out());
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response;
                try {
                    response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    throw new AssertionError("request through kubectl port-forward failed: " + forward.err(), e);
                }
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("hello from the pod\n");
            }
            assertThat(forward.process.isAlive()).as(forward.err()).isTrue();
        }
    }

    @Test
    void nodeProxyReachesTheAgent() throws Exception {
        assertThat(kubectl.run("get", "--raw", "/api/v1/nodes/test-node/proxy/healthz").out()).isEqualTo("ok");
    }

    private HostPodStreams.TestContainer container(String pod, String name, List<String> lines, List<String> previous)
            throws Exception {
        Path current = dir.resolve(pod + "-" + name + ".log");
        Files.writeString(current, render(lines));
        Path prev = null;
        if (previous != null) {
            prev = Files.writeString(dir.resolve(pod + "-" + name + ".previous.log"), render(previous));
        }
        HostPodStreams.TestContainer c = new HostPodStreams.TestContainer(current, prev);
        node.addContainer("default", pod, name, c);
        return c;
    }

    private static String render(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(line(i, lines.get(i)));
        }
        return out.toString();
    }

    /** A CRI log line written at second {@code second} of 2026; long lines are split into a P and an F part. */
    private static String line(int second, String text) {
        String time = String.format("2026-01-01T00:00:%02d.000000000Z", second);
        int half = text.length() / 2;
        return text.length() > 20
                ? time + " stdout P " + text.substring(0, half) + "\n" + time + " stdout F " + text.substring(half) + "\n"
                : time + " stdout F " + text + "\n";
    }

    private static void runningPod(KubeClient client, String name, String nodeName, String... containers) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(nodeName).endSpec();
        for (String c : containers) {
            pod.editSpec().addNewContainer().withName(c).withImage("busybox").endContainer().endSpec();
        }
        Pod created = client.resources(Pod.class).create(pod.build());
        if (nodeName != null) {
            PodStatusBuilder status = new PodStatusBuilder().withPhase("Running");
            for (String c : containers) {
                status.addNewContainerStatus().withName(c).withReady(true).withNewState().withNewRunning()
                        .endRunning().endState().endContainerStatus();
            }
            created.setStatus(status.build());
            client.resources(Pod.class).updateStatus(created);
        }
    }
}
