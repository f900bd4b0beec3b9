package dev.j8s.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class ResourceClientTest {

    ApiServerFixture fixture;
    KubeClient client;
    ResourceClient<ConfigMap> configMaps;

    @BeforeAll
    void start(ApiServerFixture shared) throws Exception {
        fixture = shared;
        client = fixture.newClient();
        configMaps = client.resources(ConfigMap.class);
    }

    private static ConfigMap configMap(String name, Map<String, String> labels, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels)
                .endMetadata().addToData("k", value).build();
    }

    @Test
    void createGetUpdatePatchDelete() {
        ConfigMap created = configMaps.create(configMap("crud", Map.of("app", "a"), "1"));
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getMetadata().getResourceVersion()).isNotEmpty();

        ConfigMap read = configMaps.get("default", "crud");
        assertThat(read.getData()).containsEntry("k", "1");

        read.getData().put("k", "2");
        ConfigMap updated = configMaps.update(read);
        assertThat(updated.getData()).containsEntry("k", "2");
        assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        assertThat(configMaps.patch("default", "crud", PatchType.MERGE, "{\"data\":{\"m\":\"merge\"}}").getData())
                .containsEntry("m", "merge");
        assertThat(configMaps.patch("default", "crud", PatchType.STRATEGIC_MERGE,
                "{\"metadata\":{\"labels\":{\"s\":\"smp\"}}}").getMetadata().getLabels()).containsEntry("s", "smp");
        assertThat(configMaps.patch("default", "crud", PatchType.JSON,
                "[{\"op\":\"replace\",\"path\":\"/data/k\",\"value\":\"3\"}]").getData()).containsEntry("k", "3");

        ConfigMap deleted = configMaps.delete("default", "crud", null);
        assertThat(deleted.getMetadata().getName()).isEqualTo("crud");
        assertThatThrownBy(() -> configMaps.get("default", "crud"))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> {
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status().getMessage()).isEqualTo("configmaps \"crud\" not found");
                });
    }

    @Test
    void errorsCarryTheServersStatus() {
        configMaps.create(configMap("errors", Map.of(), "1"));
        assertThatThrownBy(() -> configMaps.create(configMap("errors", Map.of(), "1")))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> {
                    assertThat(e.isAlreadyExists()).isTrue();
                    assertThat(e.code()).isEqualTo(409);
                });
        ConfigMap stale = configMaps.get("default", "errors");
        ConfigMap fresh = configMaps.get("default", "errors");
        fresh.getData().put("k", "fresh");
        configMaps.update(fresh);
        stale.getData().put("k", "stale");
        assertThatThrownBy(() -> configMaps.update(stale))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> assertThat(e.isConflict()).isTrue());

        // A read-modify-write that starts from the stale copy succeeds on its second, fresh read.
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        ConfigMap retried = RetryOnConflict.run(() -> {
            ConfigMap base = attempts.getAndIncrement() == 0 ? stale : configMaps.get("default", "errors");
            ConfigMap copy = new ConfigMapBuilder(base).addToData("k", "retried").build();
            return configMaps.update(copy);
        });
        assertThat(attempts).hasValue(2);
        assertThat(retried.getData()).containsEntry("k", "retried");

        String uid = configMaps.get("default", "errors").getMetadata().getUid();
        assertThatThrownBy(() -> configMaps.delete("default", "errors", new DeleteOptionsBuilder()
                .withNewPreconditions().withUid("not-" + uid).endPreconditions().build()))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> assertThat(e.isConflict()).isTrue());
        configMaps.delete("default", "errors", new DeleteOptionsBuilder().withPropagationPolicy("Background")
                .withGracePeriodSeconds(0L).withNewPreconditions().withUid(uid).endPreconditions().build());
        assertThatThrownBy(() -> configMaps.delete("default", "errors", null))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void listsWithSelectorsAndPages() {
        for (int i = 0; i < 5; i++) {
            configMaps.create(configMap("page-" + i, Map.of("list", i % 2 == 0 ? "even" : "odd"), "v" + i));
        }
        ResourceList<ConfigMap> even = configMaps.list("default", ListOptions.ALL.withLabelSelector("list=even"));
        assertThat(even.items()).extracting(c -> c.getMetadata().getName())
                .containsExactly("page-0", "page-2", "page-4");
        assertThat(even.resourceVersion()).isNotEmpty();

        ResourceList<ConfigMap> first = configMaps.list("default",
                ListOptions.ALL.withLabelSelector("list").withPage(2, null));
        assertThat(first.items()).hasSize(2);
        assertThat(first.continueToken()).isNotNull();
        ResourceList<ConfigMap> rest = configMaps.list("default",
                ListOptions.ALL.withLabelSelector("list").withPage(10, first.continueToken()));
        assertThat(rest.items()).hasSize(3);
        assertThat(rest.continueToken()).isNull();

        assertThat(configMaps.list("default", ListOptions.ALL.withFieldSelector("metadata.name=page-3")).items())
                .singleElement().satisfies(c -> assertThat(c.getData()).containsEntry("k", "v3"));
        assertThat(client.resources(Namespace.class).list(null, ListOptions.ALL).items())
                .extracting(n -> n.getMetadata().getName()).contains("default", "kube-system");
    }

    @Test
    void watchDeliversTypedEventsFromAResourceVersion() throws Exception {
        String from = configMaps.list("default", ListOptions.ALL).resourceVersion();
        configMaps.create(configMap("watched", Map.of(), "1"));
        configMaps.patch("default", "watched", PatchType.MERGE, "{\"data\":{\"k\":\"2\"}}");
        configMaps.delete("default", "watched", null);
        try (WatchStream<ConfigMap> watch = configMaps.watch("default",
                WatchOptions.from(from).withSelectors(null, "metadata.name=watched"))) {
            WatchEvent<ConfigMap> added = watch.next();
            WatchEvent<ConfigMap> modified = watch.next();
            WatchEvent<ConfigMap> deleted = watch.next();
            assertThat(added.type()).isEqualTo(WatchEvent.Type.ADDED);
            assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
            assertThat(modified.object().getData()).containsEntry("k", "2");
            assertThat(deleted.type()).isEqualTo(WatchEvent.Type.DELETED);
        }
    }

    @Test
    void statusUpdateKeepsTheSpecAndLeaseTimesRoundTrip() {
        ResourceClient<Pod> pods = client.resources(Pod.class);
        Pod pod = pods.create(new PodBuilder().withNewMetadata().withName("status").withNamespace("default")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().build());
        pod.getSpec().getContainers().get(0).setImage("changed");
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
        Pod updated = pods.updateStatus(pod);
        assertThat(updated.getStatus().getPhase()).isEqualTo("Running");
        assertThat(updated.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox");

        ZonedDateTime renew = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Lease lease = client.resources(Lease.class).create(new LeaseBuilder().withNewMetadata().withName("times")
                .withNamespace("default").endMetadata().withNewSpec().withHolderIdentity("me")
                .withRenewTime(renew).withLeaseDurationSeconds(15).endSpec().build());
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(renew.toInstant());
    }
}
