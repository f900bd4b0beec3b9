package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workload controllers and the scheduler on three hollow nodes, driven with kubectl: a Deployment is
 * created, scaled, rolled to a new image within its surge and unavailability bounds (checked at every
 * pod event a watch observes), rolled back, paused and resumed.
 */
class WorkloadsTest extends ServerPerClass {

    static HollowProcess nodes;
    static KubeClient client;

    @BeforeAll
    static void threeNodes() throws Exception {
        nodes = HollowProcess.start(server.kubeconfig(), dir, "w-", 3, kubectl);
        client = KubeClient.fromKubeconfig(server.kubeconfig());
        kubectl.run("create", "namespace", "apps").assertOk();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (client != null) {
            client.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    /** One observation of the Deployment's pods: those not being deleted, and those of them Ready. */
    record Moment(int pods, int ready) {}

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    private static Moment moment(SharedIndexInformer<Pod> pods, String app) {
        List<Pod> live = pods.indexer().list().stream()
                .filter(p -> "apps".equals(p.getMetadata().getNamespace()))
                .filter(p -> app.equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get("app")))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
        return new Moment(live.size(), (int) live.stream().filter(WorkloadsTest::ready).count());
    }

    private static List<String> images(String app) {
        String out = kubectl.run("get", "pods", "-n", "apps", "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].image}{\"\\n\"}{end}").assertOk().out();
        return out.isBlank() ? List.of() : List.of(out.trim().split("\n"));
    }

    private static void rolloutStatus(String deployment) {
        kubectl.run("rollout", "status", "deployment/" + deployment, "-n", "apps", "--timeout=90s").assertOk();
    }

    @Test
    void deploymentScalesRollsWithinItsBoundsRollsBackAndPauses() throws Exception {
        kubectl.run("create", "deployment", "web", "-n", "apps", "--image=echo:v1", "--replicas=4").assertOk();
        kubectl.run("patch", "deployment", "web", "-n", "apps", "--type=merge", "-p",
                "{\"spec\":{\"strategy\":{\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":1}}}}").assertOk();
        rolloutStatus("web");
        assertThat(kubectl.run("get", "pods", "-n", "apps", "-l", "app=web", "--no-headers").assertOk().out())
                .containsPattern("(?m)^web-\\S+\\s+1/1\\s+Running");

        kubectl.run("scale", "deployment", "web", "-n", "apps", "--replicas=6").assertOk();
        rolloutStatus("web");
        assertThat(images("web")).hasSize(6);
        kubectl.run("scale", "deployment", "web", "-n", "apps", "--replicas=4").assertOk();
        await().atMost(Duration.ofSeconds(60)).until(() -> images("web").size() == 4);

        List<Moment> seen = new CopyOnWriteArrayList<>();
        try (SharedInformerFactory informers = new SharedInformerFactory(client)) {
            SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
            pods.addEventHandler(new ResourceEventHandler<>() {
                @Override public void onAdd(Pod pod) { observe(pod); }
                @Override public void onUpdate(Pod oldPod, Pod newPod) { observe(newPod); }
                @Override public void onDelete(Pod pod) { observe(pod); }

                private void observe(Pod pod) {
                    if ("web".equals(pod.getMetadata().getLabels() == null ? null
                            : pod.getMetadata().getLabels().get("app"))) {
                        seen.add(moment(pods, "web"));
                    }
                }
            });
            informers.start();
            assertThat(informers.waitForCacheSync(Duration.ofSeconds(30))).isTrue();
            // The informer first replays the four running pods as adds; the rollout is what is measured.
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() >= 4);
            seen.clear();

            kubectl.run("set", "image", "deployment/web", "-n", "apps", "echo=echo:v2").assertOk();
            rolloutStatus("web");
            await().atMost(Duration.ofSeconds(60)).until(() -> images("web").equals(List.of("echo:v2", "echo:v2",
                    "echo:v2", "echo:v2")));
        }
        // replicas 4, maxSurge 1, maxUnavailable 1: never more than 5 pods, never fewer than 3 Ready.
        assertThat(seen).as("pod events observed during the rollout").hasSizeGreaterThan(8);
        assertThat(seen).allSatisfy(m -> {
            assertThat(m.pods()).as("pods at " + m).isLessThanOrEqualTo(5);
            assertThat(m.ready()).as("ready pods at " + m).isGreaterThanOrEqualTo(3);
        });
        assertThat(seen).as("the rollout used its surge").anySatisfy(m -> assertThat(m.pods()).isEqualTo(5));

        String v2ReplicaSets = kubectl.run("get", "rs", "-n", "apps", "-l", "app=web", "-o",
                "jsonpath={range .items[*]}{.metadata.name}={.spec.replicas}{\"\\n\"}{end}").assertOk().out();
        kubectl.run("rollout", "undo", "deployment/web", "-n", "apps").assertOk();
        rolloutStatus("web");
        await().atMost(Duration.ofSeconds(60)).until(() -> images("web").stream().allMatch("echo:v1"::equals)
                && images("web").size() == 4);
        String afterUndo = kubectl.run("get", "rs", "-n", "apps", "-l", "app=web", "-o",
                "jsonpath={range .items[*]}{.metadata.name}={.spec.replicas}{\"\\n\"}{end}").assertOk().out();
        assertThat(afterUndo.lines().map(l -> l.split("=")[0]).sorted().toList())
                .as("undo reuses the first ReplicaSet instead of making a third")
                .isEqualTo(v2ReplicaSets.lines().map(l -> l.split("=")[0]).sorted().toList());
        assertThat(kubectl.run("rollout", "history", "deployment/web", "-n", "apps").assertOk().out())
                .contains("2 ", "3 ");

        kubectl.run("rollout", "pause", "deployment/web", "-n", "apps").assertOk();
        kubectl.run("set", "image", "deployment/web", "-n", "apps", "echo=echo:v3").assertOk();
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "deployment", "web", "-n", "apps", "-o",
                "jsonpath={.status.observedGeneration}={.metadata.generation}").assertOk().out()
                .matches("(\\d+)=\\1"));
        assertThat(images("web")).as("a paused deployment does not roll").containsOnly("echo:v1");
        kubectl.run("rollout", "resume", "deployment/web", "-n", "apps").assertOk();
        rolloutStatus("web");
        await().atMost(Duration.ofSeconds(60)).until(() -> images("web").equals(List.of("echo:v3", "echo:v3",
                "echo:v3", "echo:v3")));
        assertThat(Map.of("nodes", HollowProcess.readyNodes(kubectl, "w-"))).containsEntry("nodes", 3L);
    }
}
