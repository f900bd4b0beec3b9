package dev.j8s.agent.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three hollow nodes against the in-process HTTPS API server. */
class HollowClusterTest {

    private static final Duration LEASE_INTERVAL = Duration.ofMillis(500);

    @TempDir
    static Path dir;

    static ApiServerFixture api;
    static KubeClient client;
    static HollowCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        client = api.newClient();
        cluster = new HollowCluster(api.newClient(), HollowConfig.defaults("hollow-", 3)
                .withLeaseInterval(LEASE_INTERVAL)).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        api.close();
    }

    @Test
    void nodesRegisterReadyWithCapacityLabelsAndRenewingLeases() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cluster.registeredNodes()).isEqualTo(3));
        for (String name : new String[] {"hollow-0", "hollow-1", "hollow-2"}) {
            Node node = client.resources(Node.class).get(null, name);
            Map<String, String> conditions = node.getStatus().getConditions().stream()
                    .collect(Collectors.toMap(NodeCondition::getType, NodeCondition::getStatus));
            assertThat(conditions).containsEntry("Ready", "True").containsEntry("MemoryPressure", "False")
                    .containsEntry("DiskPressure", "False").containsEntry("PIDPressure", "False");
            assertThat(node.getStatus().getCapacity().get("cpu").toString()).isEqualTo("4");
            assertThat(node.getStatus().getAllocatable().get("memory").toString()).isEqualTo("16Gi");
            assertThat(node.getStatus().getAllocatable().get("pods").toString()).isEqualTo("110");
            assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", name)
                    .containsEntry("kubernetes.io/os", "linux").containsEntry("kubernetes.io/arch", "amd64")
                    .containsEntry("node.kubernetes.io/instance-type", "hollow");
            assertThat(node.getStatus().getAddresses().get(0).getType()).isEqualTo("InternalIP");
            assertThat(node.getStatus().getAddresses().get(0).getAddress()).startsWith("127.");
            assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.32");
            assertThat(node.getSpec().getPodCIDR()).endsWith(".0/24");
        }
        ZonedDateTime first = renewTime("hollow-1");
        assertThat(lease("hollow-1").getSpec().getHolderIdentity()).isEqualTo("hollow-1");
        assertThat(lease("hollow-1").getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Node");
        await().atMost(Duration.ofSeconds(10)).until(() -> renewTime("hollow-1").isAfter(first));
    }

    @Test
    void aBoundPodBecomesRunningAndReadyAndItsDeletionIsFinished() {
        Pod created = client.resources(Pod.class).create(pod("web", "Always", null));
        client.bind("default", "web", created.getMetadata().getUid(), "hollow-0");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Pod pod = client.resources(Pod.class).get("default", "web");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            Map<String, String> conditions = pod.getStatus().getConditions().stream()
                    .collect(Collectors.toMap(PodCondition::getType, PodCondition::getStatus));
            assertThat(conditions).containsEntry("Ready", "True").containsEntry("Initialized", "True")
                    .containsEntry("ContainersReady", "True").containsEntry("PodScheduled", "True");
            assertThat(pod.getStatus().getPodIP()).startsWith("10.64.0.");
            assertThat(pod.getStatus().getHostIP()).isEqualTo(cluster.node("hollow-0").orElseThrow().internalIp());
            assertThat(pod.getStatus().getStartTime()).isNotEmpty();
            ContainerStatus app = pod.getStatus().getContainerStatuses().get(0);
            assertThat(app.getReady()).isTrue();
            assertThat(app.getStarted()).isTrue();
            assertThat(app.getRestartCount()).isZero();
            assertThat(app.getImage()).isEqualTo("busybox:1.36");
            assertThat(app.getImageID()).startsWith("busybox@sha256:");
            assertThat(app.getState().getRunning().getStartedAt()).isNotEmpty();
        });
        assertThat(cluster.podsOn("hollow-0")).extracting(p -> p.getMetadata().getName()).contains("web");

        // A pod on a node is only marked for deletion; its kubelet removes it.
        Pod deleting = client.resources(Pod.class).delete("default", "web", null);
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        await().atMost(Duration.ofSeconds(20)).until(() -> find("web").isEmpty());
    }

    @Test
    void theExitAfterAnnotationMovesARunToCompletionPodToSucceeded() {
        Pod created = client.resources(Pod.class).create(pod("job-like", "Never", "1"));
        client.bind("default", "job-like", created.getMetadata().getUid(), "hollow-1");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Pod pod = client.resources(Pod.class).get("default", "job-like");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                    .isZero();
        });
        Pod pod = client.resources(Pod.class).get("default", "job-like");
        assertThat(Duration.between(ZonedDateTime.parse(pod.getStatus().getStartTime()),
                ZonedDateTime.parse(pod.getStatus().getContainerStatuses().get(0).getState().getTerminated()
                        .getFinishedAt()))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void bindingAnAlreadyBoundPodIsAConflict() {
        Pod created = client.resources(Pod.class).create(pod("twice", "Always", null));
        client.bind("default", "twice", created.getMetadata().getUid(), "hollow-1");
        assertThatThrownBy(() -> client.bind("default", "twice", created.getMetadata().getUid(), "hollow-0"))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("pod twice is already assigned to node \"hollow-1\"");
                });
    }

    @Test
    void aStoppedNodeNoLongerRenewsItsLeaseNorRunsPods() {
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.registeredNodes() == 3);
        cluster.stop("hollow-2");
        Pod created = client.resources(Pod.class).create(pod("stranded", "Always", null));
        client.bind("default", "stranded", created.getMetadata().getUid(), "hollow-2");
        ZonedDateTime liveBefore = renewTime("hollow-0");

        // Stable for several lease intervals (a renewal in flight at stop() may still land first).
        AtomicReference<ZonedDateTime> last = new AtomicReference<>();
        await().during(LEASE_INTERVAL.multipliedBy(5)).atMost(Duration.ofSeconds(15)).until(() -> {
            ZonedDateTime now = renewTime("hollow-2");
            return now.equals(last.getAndSet(now));
        });
        assertThat(renewTime("hollow-0")).isAfter(liveBefore);
        Pod stranded = client.resources(Pod.class).get("default", "stranded");
        assertThat(stranded.getStatus().getPhase()).isNotEqualTo("Running");
        assertThat(stranded.getStatus().getPodIP()).isNull();
    }

    private static Pod pod(String name, String restartPolicy, String exitAfter) {
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy)
                .addNewContainer().withName("app").withImage("busybox:1.36").endContainer().endSpec();
        if (exitAfter != null) {
            builder.editMetadata().addToAnnotations(PodStatuses.EXIT_AFTER, exitAfter).endMetadata();
        }
        return builder.build();
    }

    private static Optional<Pod> find(String name) {
        try {
            return Optional.of(client.resources(Pod.class).get("default", name));
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Lease lease(String node) {
        return client.resources(Lease.class).get("kube-node-lease", node);
    }

    private static ZonedDateTime renewTime(String node) {
        return lease(node).getSpec().getRenewTime();
    }
}
