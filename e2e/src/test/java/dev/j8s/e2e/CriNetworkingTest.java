package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service networking on real containers, driven by the real kubectl: a pod reaches a Service by its DNS
 * name through cluster DNS and the service proxy, NodePort and LoadBalancer Services answer on 127.0.0.1,
 * and the nginx-proxy demo: pods with {@code VIRTUAL_HOST} answer through the ingress, and a rolling update
 * from echo:v1 to echo:v2 under wrk load loses not one request. Traffic goes only to 127.0.0.1 and to pod
 * addresses inside the network namespaces j8s creates.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CriNetworkingTest {

    private static final String NODE = "net-node";
    private static final String VIRTUAL_HOST = "echo.127.0.0.1.nip.io";

    @TempDir
    static Path dir;

    static CriCluster cluster;
    static Kubectl kubectl;
    static int ingressPort;

    @BeforeAll
    static void start() throws Exception {
        ingressPort = CriCluster.freePort();
        cluster = CriCluster.start(dir, NODE, List.of("--ingress-bind-address", "127.0.0.1",
                "--ingress-http-port", Integer.toString(ingressPort),
                "--ingress-https-port", Integer.toString(CriCluster.freePort())));
        kubectl = cluster.kubectl;
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aPodReachesAServiceByItsDnsName() {
        kubectl.runWithInput(echoDeployment("web", "echo:v1", 2, ""), "apply", "-f", "-").assertOk();
        kubectl.run("expose", "deployment", "web", "--port=80", "--target-port=8080").assertOk();
        kubectl.run("rollout", "status", "deployment/web", "--timeout=90s").assertOk();
        assertThat(cluster.jsonpath("svc web", "{.spec.clusterIP}")).startsWith("10.43.");
        kubectl.run("run", "client", "--image=" + cluster.image("busybox:latest"), "--restart=Never",
                "--command", "--", "sleep", "3600").assertOk();
        kubectl.run("wait", "pod/client", "--for=condition=Ready", "--timeout=60s").assertOk();

        String resolvConf = kubectl.run("exec", "client", "--", "cat", "/etc/resolv.conf").assertOk().out();
        assertThat(resolvConf).contains("nameserver 10.43.0.10")
                .contains("search default.svc.cluster.local svc.cluster.local cluster.local")
                .contains("ndots:5");
        // The DNS server moved to the pod bridge's gateway once the bridge came up; kube-dns's endpoint followed.
        await("kube-dns endpoint on the bridge").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.jsonpath("endpointslice -n kube-system kube-dns-" + NODE,
                        "{.endpoints[0].addresses[0]}:{.ports[0].port}"), "10.42.0.1:53"::equals);
        // busybox's wget -T crashes in the static build: the shell's timeout bounds it instead.
        String answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectl.run("exec", "client", "--", "timeout", "5", "wget", "-q", "-O", "-",
                        "http://web.default.svc.cluster.local").out(), out -> out.contains("version="));
        assertThat(answer).contains("version=v1");
        // The short name resolves through the search path, as in Kubernetes.
        assertThat(kubectl.run("exec", "client", "--", "timeout", "5", "wget", "-q", "-O", "-", "http://web")
                .assertOk().out()).contains("version=v1");
        assertThat(kubectl.run("exec", "client", "--", "nslookup", "web.default.svc.cluster.local").assertOk().out())
                .contains("Address: " + cluster.jsonpath("svc web", "{.spec.clusterIP}"));
    }

    @Test
    @Order(2)
    void nodePortAndLoadBalancerServicesAnswerOnLoopback() throws Exception {
        kubectl.run("expose", "deployment", "web", "--name=web-np", "--type=NodePort", "--port=80",
                "--target-port=8080").assertOk();
        int nodePort = Integer.parseInt(cluster.jsonpath("svc web-np", "{.spec.ports[0].nodePort}"));
        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> curl("http://127.0.0.1:" + nodePort + "/"), b -> b.contains("version="))).contains("version=v1");

        int lbPort = CriCluster.freePort();
        kubectl.run("expose", "deployment", "web", "--name=web-lb", "--type=LoadBalancer", "--port=" + lbPort,
                "--target-port=8080").assertOk();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() ->
                cluster.jsonpath("svc web-lb", "{.status.loadBalancer.ingress[0].ip}").equals("127.0.0.1"));
        assertThat(kubectl.run("get", "svc", "web-lb").out()).contains("127.0.0.1");
        assertThat(await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> curl("http://127.0.0.1:" + lbPort + "/"), b -> b.contains("version="))).contains("version=v1");
    }

    @Test
    @Order(3)
    void virtualHostPodsRollFromV1ToV2UnderLoadWithoutAnError() throws Exception {
        kubectl.runWithInput(echoDeployment("echo", "echo:v1", 2, VIRTUAL_HOST), "apply", "-f", "-").assertOk();
        kubectl.run("rollout", "status", "deployment/echo", "--timeout=90s").assertOk();
        String url = "http://" + VIRTUAL_HOST + ":" + ingressPort + "/";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> curlVirtualHost(url), b -> b.contains("version=v1"));

        // wrk loads the ingress for a bounded time while the Deployment rolls to v2.
        Process wrk = new ProcessBuilder("wrk", "-t", "2", "-c", "8", "-d", "30s", "--latency",
                "-H", "Host: " + VIRTUAL_HOST, "http://127.0.0.1:" + ingressPort + "/")
                .redirectErrorStream(true).start();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            kubectl.run("set", "image", "deployment/echo", "echo=" + cluster.image("echo:v2")).assertOk();
            kubectl.run("rollout", "status", "deployment/echo", "--timeout=90s").assertOk();
            assertThat(wrk.waitFor(60, TimeUnit.SECONDS)).as("wrk finished").isTrue();
        } finally {
            wrk.destroy();
        }
        String report = output.get(10, TimeUnit.SECONDS);
        System.out.println("wrk through the j8s ingress during echo:v1 -> echo:v2:\n" + report);
        assertThat(wrk.exitValue()).isZero();
        Matcher requests = Pattern.compile("(\\d+) requests in").matcher(report);
        assertThat(requests.find()).as("wrk's summary").isTrue();
        assertThat(Long.parseLong(requests.group(1))).isGreaterThan(100);
        assertThat(report).doesNotContain("Non-2xx or 3xx responses").doesNotContain("Socket errors");

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(curlVirtualHost(url));
        }
        assertThat(answers).allSatisfy(b -> assertThat(b).contains("version=v2"));
    }

    private static String echoDeployment(String name, String image, int replicas, String virtualHost) {
        String env = virtualHost.isEmpty() ? ""
                : "        env:\n        - {name: VIRTUAL_HOST, value: \"" + virtualHost + "\"}\n";
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      terminationGracePeriodSeconds: 5
                      containers:
                      - name: echo
                        image: %s
                        ports: [{containerPort: 8080}]
                %s        readinessProbe:
                          httpGet: {path: /, port: 8080}
                          periodSeconds: 1
                """.formatted(name, replicas, name, name, cluster.image(image), env);
    }

    private static String curl(String url) throws IOException, InterruptedException {
        return CriCluster.run("curl", "-sS", "--max-time", "3", url);
    }

    /** The virtual host resolved to 127.0.0.1 by curl itself: no DNS query leaves the machine. */
    private static String curlVirtualHost(String url) throws IOException, InterruptedException {
        return CriCluster.run("curl", "-sS", "--max-time", "3", "--resolve", VIRTUAL_HOST + ":" + ingressPort + ":127.0.0.1", url);
    }
}
