package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code j8s server} with its local node on the process runtime, driven by the real kubectl: a
 * Deployment's pod runs as a host process, probes act on it, ConfigMaps reach its environment and
 * volume, and deleting it sends SIGTERM. Logs are read from the agent's CRI log files (kubectl logs
 * needs a streaming path that does not exist yet).
 */
class ProcessNodeTest {

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Kubectl kubectl;
    static Path markers;

    @BeforeAll
    static void start() throws Exception {
        markers = Files.createDirectories(dir.resolve("markers"));
        server = J8sProcess.startWithLocalNode(dir.resolve("data"), "local-node");
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
        await("local node Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectl.run("get", "node", "local-node", "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").out().equals("True"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            // Deleting the workloads lets the agent stop their processes (by process group) before the server goes.
            kubectl.run("delete", "deployment", "--all", "--wait=false");
            kubectl.run("delete", "pod", "--all", "--grace-period=1");
            server.close();
        }
    }

    private String jsonpath(String resource, String path) {
        return kubectl.run("get", resource, "-o", "jsonpath=" + path).out();
    }

    @Test
    void aDeploymentRunsAsHostProcessesWithProbesConfigAndGracefulDeletion() throws Exception {
        kubectl.run("create", "configmap", "app-config", "--from-literal=greeting=hello-from-cm").assertOk();
        Path mount = dir.resolve("mnt/config");
        String script = "trap 'echo term > " + markers + "/$(POD).term; exit 0' TERM; echo started; "
                + "echo \"$GREETING\" > " + markers + "/$(POD).env; cat " + mount + "/greeting > " + markers
                + "/$(POD).vol; sleep 3600 & wait";
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: app
                        image: busybox
                        command: ["sh", "-c", %s]
                        env:
                        - name: POD
                          valueFrom: {fieldRef: {fieldPath: metadata.name}}
                        - name: GREETING
                          valueFrom: {configMapKeyRef: {name: app-config, key: greeting}}
                        volumeMounts:
                        - {name: config, mountPath: %s}
                        readinessProbe:
                          exec: {command: ["sh", "-c", "test ! -f %s/unready"]}
                          periodSeconds: 1
                          failureThreshold: 1
                      volumes:
                      - name: config
                        configMap: {name: app-config}
                """.formatted(json(script), mount, markers);
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").assertOk();
        String pod = jsonpath("pods", "{.items[0].metadata.name}");
        assertThat(jsonpath("pod/" + pod, "{.status.phase}")).isEqualTo("Running");
        assertThat(jsonpath("pod/" + pod, "{.spec.nodeName}")).isEqualTo("local-node");
        assertThat(jsonpath("pod/" + pod, "{.status.podIP}")).isEqualTo("127.0.0.1");

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(markers.resolve(pod + ".vol")));
        assertThat(Files.readString(markers.resolve(pod + ".env")).trim()).isEqualTo("hello-from-cm");
        assertThat(Files.readString(markers.resolve(pod + ".vol")).trim()).isEqualTo("hello-from-cm");
        String uid = jsonpath("pod/" + pod, "{.metadata.uid}");
        Path log = server.dataDir().resolve("agent/pods").resolve(uid).resolve("app/0.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.readString(log).contains(" stdout F started"));

        Files.writeString(markers.resolve("unready"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> jsonpath("pod/" + pod,
                "{.status.conditions[?(@.type==\"Ready\")].status}").equals("False"));
        Files.delete(markers.resolve("unready"));
        await().atMost(Duration.ofSeconds(20)).until(() -> jsonpath("pod/" + pod,
                "{.status.conditions[?(@.type==\"Ready\")].status}").equals("True"));

        kubectl.run("delete", "pod", pod, "--timeout=60s").assertOk();
        assertThat(Files.readString(markers.resolve(pod + ".term")).trim()).isEqualTo("term");
        kubectl.run("rollout", "status", "deployment/web", "--timeout=60s").assertOk();
        assertThat(jsonpath("pods", "{.items[*].metadata.name}")).doesNotContain(pod);
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainer() {
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: live}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: busybox
                    command: ["sh", "-c", "echo started; exec sleep 3600"]
                    livenessProbe:
                      exec: {command: ["sh", "-c", "test ! -f %s/dead"]}
                      periodSeconds: 1
                      failureThreshold: 1
                """.formatted(markers);
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "pod/live", "--for=condition=Ready", "--timeout=60s").assertOk();
        assertThat(jsonpath("pod/live", "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        try {
            Files.writeString(markers.resolve("dead"), "");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Integer.parseInt(jsonpath("pod/live", "{.status.containerStatuses[0].restartCount}")) >= 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            markers.resolve("dead").toFile().delete();
        }
        kubectl.run("delete", "pod", "live", "--timeout=60s").assertOk();
    }

    /** kubectl top against a real node: the kubelet reports cgroup usage of its containers and /proc of the node. */
    @Test
    void kubectlTopShowsABusyContainersCpuAndTheNodesUsage() {
        assumeTrue("root".equals(System.getProperty("user.name")), "container cgroups need root");
        String manifest = """
                apiVersion: v1
                kind: Pod
                metadata: {name: busy}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: loop
                    image: busybox
                    command: ["sh", "-c", "while :; do :; done"]
                """;
        kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk();
        kubectl.run("wait", "pod/busy", "--for=condition=Ready", "--timeout=60s").assertOk();
        // NAME  CPU(cores)  MEMORY(bytes): a busy loop shows hundreds of millicores (at least 50m on a loaded host).
        String top = await("kubectl top pod busy shows CPU").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("top", "pod", "busy", "--no-headers").out().strip(),
                        out -> out.matches("busy\\s+\\d+m\\s+\\d+Mi")
                                && Integer.parseInt(out.split("\\s+")[1].replace("m", "")) >= 50);
        assertThat(top).startsWith("busy");
        String nodes = kubectl.run("top", "node", "--no-headers").assertOk().out().strip();
        assertThat(nodes).matches("local-node\\s+\\d+m\\s+\\d+%\\s+\\d+Mi\\s+\\d+%");
        assertThat(Integer.parseInt(nodes.split("\\s+")[1].replace("m", ""))).isGreaterThanOrEqualTo(50);
        kubectl.run("delete", "pod", "busy", "--timeout=60s").assertOk();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
