package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's streaming commands against pods of {@code j8s server}'s local process node: the API server
 * relays them to the node's agent API (mutual TLS from the cluster CA), which reads the CRI log files and runs
 * exec'd commands with the container's env and mount namespace.
 */
class ProcessStreamingTest {

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Kubectl kubectl;
    static String pod;
    static Path volume;
    static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        server = J8sProcess.startWithLocalNode(dir.resolve("data"), "stream-node");
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "served from the pod\n");
        volume = dir.resolve("mnt/data");
        httpPort = freePort();
        String script = "echo from-the-volume > " + volume + "/marker; "
                + "busybox httpd -f -p 127.0.0.1:" + httpPort + " -h " + www + " & "
                + "i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 0.5; done";
        kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: streams}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: streams}}
                  template:
                    metadata: {labels: {app: streams}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: app
                        image: busybox
                        command: ["sh", "-c", %s]
                        env: [{name: GREETING, value: hello-env}]
                        volumeMounts: [{name: data, mountPath: %s}]
                      volumes: [{name: data, emptyDir: {}}]
                """.formatted(quote(script), quote(volume.toString())), "apply", "-f", "-").assertOk();
        await("streams pod running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kubectl.run("get", "pods", "-l", "app=streams", "-o",
                        "jsonpath={.items[0].status.phase}").out().equals("Running"));
        pod = kubectl.run("get", "pods", "-l", "app=streams", "-o", "jsonpath={.items[0].metadata.name}").out();
        await("first log lines").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> kubectl.run("logs", pod).out().contains("tick 2\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            kubectl.run("delete", "deployment,pod", "--all", "--grace-period=1", "--wait=false");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(() -> kubectl.run("get", "pods", "-o", "name").out().isBlank());
            server.close();
        }
    }

    @Test
    void logsTailAndFollow() throws Exception {
        String all = kubectl.run("logs", pod).assertOk().out();
        assertThat(all).startsWith("tick 1\ntick 2\n");
        assertThat(kubectl.run("logs", pod, "--tail=1").assertOk().out()).matches("tick \\d+\n");
        assertThat(kubectl.run("logs", "deployment/streams", "-c", "app", "--tail=2").assertOk().out())
                .matches("tick \\d+\ntick \\d+\n");

        int seen = all.split("\n").length;
        Process follow = kubectl.start("logs", "-f", pod, "--tail=1");
        try {
            // A line written after kubectl started following arrives on the open stream.
            StringBuilder out = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (var in = follow.getInputStream()) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (out) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // kubectl stopped
                }
            });
            String later = "tick " + (seen + 3) + "\n";
            await("followed line " + later.trim()).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        synchronized (out) {
                            return out.toString().contains(later);
                        }
                    });
            assertThat(follow.isAlive()).isTrue();
            follow.destroy();
            reader.join(5000);
        } finally {
            follow.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void execReturnsOutputAndExitCodeWithTheContainersEnvAndMounts() {
        Kubectl.Result result = kubectl.run("exec", pod, "--", "sh", "-c",
                "echo $HOSTNAME; echo $GREETING; cat " + volume + "/marker; echo oops >&2; exit 3");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.out()).isEqualTo(pod + "\nhello-env\nfrom-the-volume\n");
        assertThat(result.err()).contains("oops");
        if ("root".equals(System.getProperty("user.name"))) {
            // The volume is bind-mounted in the container's own mount namespace only: exec joined it.
            assertThat(volume.resolve("marker")).doesNotExist();
        }
        assertThat(kubectl.run("exec", pod, "--", "true").exitCode()).isZero();
    }

    @Test
    void execWithStdin() {
        Kubectl.Result result = kubectl.runWithInput("line one\nline two\n", "exec", "-i", pod, "--",
                "sh", "-c", "cat; echo done");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("line one\nline two\ndone\n");
    }

    @Test
    void execWithTerminal() throws Exception {
        Path script = dir.resolve("tty-exec.sh");
        Files.writeString(script, "exec '" + Kubectl.pinned() + "' --kubeconfig='" + server.kubeconfig()
                + "' exec -it " + pod + " -- sh -c 'test -t 0 && test -t 1 && echo is-a-tty; stty size; exit 4'\n");
        // kubectl asks for a TTY only when its own stdin is a terminal: script(1) gives it one.
        Process p = new ProcessBuilder("script", "-qfec", "sh " + script, "/dev/null").redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("is-a-tty");
            assertThat(p.exitValue()).as(out).isEqualTo(4);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void copyFilesInAndOut() throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "copied through kubectl cp\n");
        kubectl.run("cp", local.toString(), pod + ":" + volume + "/in.txt").assertOk();
        assertThat(kubectl.run("exec", pod, "--", "cat", volume + "/in.txt").assertOk().out())
                .isEqualTo("copied through kubectl cp\n");
        Path back = dir.resolve("back.txt");
        kubectl.run("cp", pod + ":" + volume + "/in.txt", back.toString()).assertOk();
        assertThat(Files.readString(back)).isEqualTo("copied through kubectl cp\n");
    }

    @Test
    void portForwardToTheContainersServer() throws Exception {
        Process forward = kubectl.start("port-forward", "pod/" + pod, "0:" + httpPort);
        try {
            StringBuilder out = new StringBuilder();
            Thread.ofVirtual().start(() -> {
                try (var in = forward.getInputStream()) {
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (out) {
                            out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // kubectl stopped
                }
            });
            Pattern forwarding = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> " + httpPort);
            await("port-forward ready").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        synchronized (out) {
                            return forwarding.matcher(out).find();
                        }
                    });
            Matcher m;
            synchronized (out) {
                m = forwarding.matcher(out);
                assertThat(m.find()).isTrue();
            }
            int local = Integer.parseInt(m.group(1));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + local + "/index.html")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("served from the pod\n");
            }
            assertThat(forward.isAlive()).isTrue();
        } finally {
            forward.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void attachFollowsWhatTheContainerWritesFromNowOn() throws Exception {
        kubectl.runWithInput(StreamingChecks.tickerPod("ticker", "busybox"), "apply", "-f", "-").assertOk();
        StreamingChecks.awaitRunning(kubectl, "ticker");
        StreamingChecks.attachFollowsNewOutput(kubectl, "ticker");
        // kubectl's SPDY fallback reaches the same attach.
        StreamingChecks.attachFollowsNewOutput(kubectl.withEnv("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false"), "ticker");
    }

    @Test
    void attachWithStdinFeedsTheContainersStdin() {
        kubectl.runWithInput(StreamingChecks.echoPod("echoer", "busybox"), "apply", "-f", "-").assertOk();
        StreamingChecks.awaitRunning(kubectl, "echoer");
        StreamingChecks.attachSendsStdin(kubectl, "echoer");
    }

    @Test
    void attachWithATerminalToATerminalContainer() throws Exception {
        kubectl.runWithInput(StreamingChecks.terminalPod("shell", "busybox"), "apply", "-f", "-").assertOk();
        StreamingChecks.awaitRunning(kubectl, "shell");
        StreamingChecks.attachTerminalHasTheClientsSize(kubectl, "shell");
    }

    @Test
    void previousLogsAfterALivenessRestart() throws Exception {
        Path counter = dir.resolve("boots");
        Path unhealthy = dir.resolve("unhealthy");
        String script = "n=$(cat " + counter + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > " + counter
                + "; echo \"boot $n\"; exec sleep 3600";
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: restarter}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", %s]
                    livenessProbe:
                      exec: {command: ["sh", "-c", %s]}
                      initialDelaySeconds: 1
                      periodSeconds: 1
                      failureThreshold: 1
                """.formatted(quote(script), quote("test ! -e " + unhealthy)), "apply", "-f", "-").assertOk();
        await("restarter running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kubectl.run("logs", "restarter").out().equals("boot 1\n"));
        assertThat(kubectl.run("logs", "restarter", "--previous").err())
                .contains("previous terminated container \"app\" in pod \"restarter\" not found");
        Files.writeString(unhealthy, "fail\n");
        await("liveness restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> !kubectl.run("get", "pod", "restarter", "-o",
                        "jsonpath={.status.containerStatuses[0].restartCount}").out().matches("|0"));
        Files.delete(unhealthy);
        await("restarted container running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> kubectl.run("logs", "restarter").out().matches("boot \\d+\n")
                        && !kubectl.run("logs", "restarter").out().equals("boot 1\n"));
        int current = Integer.parseInt(kubectl.run("logs", "restarter").out().trim().substring(5));
        // The process runtime's wrapper shell may add its "Terminated" notice after the killed attempt's output.
        assertThat(kubectl.run("logs", "restarter", "--previous").assertOk().out())
                .startsWith("boot " + (current - 1) + "\n").doesNotContain("boot " + current);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
