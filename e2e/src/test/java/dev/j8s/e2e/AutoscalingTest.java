package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * metrics.k8s.io and the HorizontalPodAutoscaler with the real kubectl on hollow nodes: the nodes
 * report the usage a pod template's annotation asks for, {@code kubectl top} shows it, and
 * {@code kubectl autoscale} scales a Deployment up and, once the usage drops, down again.
 */
class AutoscalingTest {

    @TempDir
    static Path dir;

    static J8sProcess server;
    static Kubectl kubectl;
    static HollowProcess hollow;

    @BeforeAll
    static void start() throws Exception {
        // A 2 s HPA sync and 1 s metrics keep the test short; Kubernetes' defaults are 15 s for both.
        server = J8sProcess.start(dir.resolve("data"), List.of("--horizontal-pod-autoscaler-sync-period", "2"));
        kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
        hollow = HollowProcess.start(server.kubeconfig(), dir, "hollow-", 2, kubectl,
                List.of("--metrics-interval", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hollow != null) {
            hollow.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                  annotations:
                    hollow.j8s.dev/cpu-usage: 200m
                    hollow.j8s.dev/memory-usage: 64Mi
                spec:
                  containers:
                  - name: web
                    image: nginx
                    resources:
                      requests: {cpu: 100m, memory: 128Mi}
            """;

    @Test
    void kubectlTopShowsHollowUsageAndTheHpaScalesUpAndDown() {
        kubectl.runWithInput(DEPLOYMENT, "apply", "-f", "-").assertOk();

        await("kubectl top pod shows the annotated usage").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("top", "pod", "-l", "app=web", "--no-headers").out().matches(
                        "(?s)web-\\S+\\s+200m\\s+64Mi\\s*"));
        Kubectl.Result nodes = kubectl.run("top", "node").assertOk();
        assertThat(nodes.out()).contains("CPU(cores)").contains("hollow-0").contains("hollow-1");
        assertThat(nodes.out()).containsPattern("hollow-\\d\\s+200m\\s+5%\\s+64Mi");

        kubectl.run("autoscale", "deployment", "web", "--cpu-percent=50", "--min=1", "--max=4").assertOk();
        // A short scale-down window instead of Kubernetes' 300 s default.
        kubectl.run("patch", "hpa", "web", "--type=merge", "-p",
                "{\"spec\":{\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":5}}}}").assertOk();

        await("the HPA scales web to 4").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}").out()
                        .equals("4"));
        await("kubectl get hpa shows cpu: 200%/50%").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "hpa", "web").out().contains("cpu: 200%/50%"));
        Kubectl.Result hpa = kubectl.run("get", "hpa", "web").assertOk();
        assertThat(hpa.out()).contains("Deployment/web").containsPattern("web\\s+Deployment/web\\s+cpu: 200%/50%\\s+1\\s+4\\s+\\d");

        Kubectl.Result describe = kubectl.run("describe", "hpa", "web").assertOk();
        assertThat(describe.out())
                .contains("Reference:")
                .contains("AbleToScale")
                .contains("ScalingActive")
                .contains("ValidMetricFound")
                .contains("ScalingLimited")
                .contains("SuccessfulRescale")
                .contains("New size: 4; reason: cpu resource utilization (percentage of request) above target");

        kubectl.run("patch", "deployment", "web", "--type=merge", "-p",
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"hollow.j8s.dev/cpu-usage\":\"10m\"}}}}}")
                .assertOk();
        await("the HPA scales web back to 1").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}").out()
                        .equals("1"));
        assertThat(kubectl.run("describe", "hpa", "web").assertOk().out())
                .contains("New size: 1; reason: All metrics below target");
    }
}
