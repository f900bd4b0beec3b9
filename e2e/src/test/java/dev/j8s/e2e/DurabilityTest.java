package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects survive restarts and crashes of the server process. */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void restartKeepsObjectsAndVersionsKeepIncreasing() throws Exception {
        try (J8sProcess server = J8sProcess.start(dir.resolve("data"))) {
            Kubectl kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
            kubectl.run("create", "namespace", "keep").assertOk();
            kubectl.run("create", "deployment", "d", "--image=registry.local/echo:v1", "-n", "keep").assertOk();
            kubectl.run("create", "configmap", "c", "--from-literal=k=v", "-n", "keep").assertOk();
            long before = ApiClient.fromKubeconfig(server.kubeconfig())
                    .getJson("/api/v1/namespaces/keep/configmaps").at("/metadata/resourceVersion").asLong();
            JsonNode deployBefore = ApiClient.fromKubeconfig(server.kubeconfig())
                    .getJson("/apis/apps/v1/namespaces/keep/deployments/d");

            server.restart();

            kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
            ApiClient api = ApiClient.fromKubeconfig(server.kubeconfig());
            JsonNode deployAfter = api.getJson("/apis/apps/v1/namespaces/keep/deployments/d");
            assertThat(deployAfter).isEqualTo(deployBefore);
            assertThat(kubectl.run("get", "configmap", "c", "-n", "keep", "-o", "jsonpath={.data.k}").assertOk().out())
                    .isEqualTo("v");
            kubectl.run("create", "configmap", "after", "--from-literal=k=v", "-n", "keep").assertOk();
            long after = api.getJson("/api/v1/namespaces/keep/configmaps/after").at("/metadata/resourceVersion").asLong();
            assertThat(after).isGreaterThan(before);
        }
    }

    @Test
    void everyAcknowledgedCreateSurvivesKillDashNine() throws Exception {
        J8sProcess server = J8sProcess.start(dir.resolve("crash"));
        try {
            Kubectl kubectl = new Kubectl(Kubectl.pinned(), server.kubeconfig());
            kubectl.run("create", "namespace", "crash").assertOk();
            int total = 1000;
            int killAfter = 250;
            AtomicInteger next = new AtomicInteger();
            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        String name = "cm-" + i;
                        if (kubectl.run("create", "configmap", name, "--from-literal=i=" + i, "-n", "crash")
                                .exitCode() == 0) {
                            acknowledged.add(name);
                        } else if (!server.isAlive()) {
                            return;
                        }
                    }
                }));
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(5))
                    .until(() -> acknowledged.size() >= killAfter);
            server.kill();
            for (Future<?> f : workers) {
                f.get();
            }
            pool.shutdown();
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(killAfter).isLessThan(total);

            server.restart();
            Set<String> present = new Kubectl(Kubectl.pinned(), server.kubeconfig())
                    .run("get", "configmaps", "-n", "crash", "-o", "name").assertOk().out().lines()
                    .map(l -> l.substring(l.indexOf('/') + 1)).collect(Collectors.toCollection(TreeSet::new));
            assertThat(present).containsAll(acknowledged);
        } finally {
            server.close();
        }
    }
}
