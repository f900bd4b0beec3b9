package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Java client (an independent client, over the JDK's HTTP client) against a real j8s server,
 * configured from the server's kubeconfig: CRUD, watches and a shared informer.
 */
class Fabric8ClientTest extends ServerPerClass {

    private static final String NS = "fabric8";
    private static final Duration WAIT = Duration.ofSeconds(20);

    static KubernetesClient client;

    @BeforeAll
    static void connect() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        client = new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void configMapCrud() {
        var configMaps = client.configMaps().inNamespace(NS);
        ConfigMap created = configMaps.resource(configMap("settings", "blue")).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        configMaps.resource(new ConfigMapBuilder().withNewMetadata().withName("unrelated").endMetadata()
                .addToData("x", "y").build()).create();

        assertThat(configMaps.withName("settings").get().getData()).containsEntry("color", "blue");
        assertThat(configMaps.withLabel("app", "shop").list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("settings");

        ConfigMap edited = configMaps.withName("settings").edit(cm -> new ConfigMapBuilder(cm)
                .addToData("size", "large").build());
        assertThat(edited.getData()).containsEntry("size", "large");

        configMaps.withName("settings").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"color\":\"red\"}}");
        configMaps.withName("settings").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}");
        ConfigMap patched = configMaps.withName("settings").get();
        assertThat(patched.getData()).containsEntry("color", "red").containsEntry("size", "large");
        assertThat(patched.getMetadata().getLabels()).containsEntry("tier", "front").containsEntry("app", "shop");

        ConfigMap replacement = new ConfigMapBuilder(patched).withData(Map.of("only", "this")).build();
        ConfigMap replaced = configMaps.resource(replacement).update();
        assertThat(replaced.getData()).containsExactly(Map.entry("only", "this"));
        assertThat(Long.parseLong(replaced.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(patched.getMetadata().getResourceVersion()));

        assertThat(configMaps.withName("settings").delete()).hasSize(1);
        assertThat(configMaps.withName("settings").get()).isNull();
        configMaps.withName("unrelated").delete();
    }

    @Test
    void deploymentCrudAndStatus() {
        var deployments = client.apps().deployments().inNamespace(NS);
        Deployment created = deployments.resource(deployment("api", 2)).create();
        assertThat(created.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        Deployment scaled = retryOnConflict(() -> deployments.withName("api").edit(d -> new DeploymentBuilder(d)
                .editSpec().withReplicas(3).endSpec().build()));
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        assertThat(scaled.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(deployments.withLabel("app", "api").list().getItems()).hasSize(1);

        // The Deployment controller writes status and annotations concurrently; fabric8's edit pins the
        // resourceVersion it read, so an edit may meet a 409 and is retried like any client would.
        Deployment edited = retryOnConflict(() -> deployments.withName("api").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer().withImage("nginx:1.28").endContainer()
                .endSpec().endTemplate().endSpec().build()));
        assertThat(edited.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:1.28");
        await().atMost(WAIT).until(() -> {
            Deployment d = deployments.withName("api").get();
            return d.getStatus() != null && Long.valueOf(3L).equals(d.getStatus().getObservedGeneration());
        });

        deployments.withName("api").delete();
        await().atMost(WAIT).until(() -> deployments.withName("api").get() == null);
    }

    @Test
    void statusSubresourceUpdateAndMainUpdateKeepEachOthersFields() {
        var claims = client.persistentVolumeClaims().inNamespace(NS);
        PersistentVolumeClaim claim = claims.resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("data").endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().build()).create();
        PersistentVolumeClaim bound = claims.resource(new PersistentVolumeClaimBuilder(claim).withNewStatus()
                .withPhase("Bound").endStatus().build()).updateStatus();
        assertThat(bound.getStatus().getPhase()).isEqualTo("Bound");
        PersistentVolumeClaim labelled = claims.resource(new PersistentVolumeClaimBuilder(bound).editMetadata()
                .addToLabels("tier", "db").endMetadata().withNewStatus().withPhase("Lost").endStatus().build()).update();
        assertThat(labelled.getMetadata().getLabels()).containsEntry("tier", "db");
        assertThat(labelled.getStatus().getPhase()).as("a main-resource update leaves status alone").isEqualTo("Bound");
        claims.withName("data").delete();
    }

    @Test
    void watchSeesAddedModifiedDeleted() {
        List<String> seen = new CopyOnWriteArrayList<>();
        var configMaps = client.configMaps().inNamespace(NS);
        try (Watch ignored = configMaps.withLabel("watched", "yes").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                seen.add(action + " " + cm.getMetadata().getName() + " " + cm.getData());
            }

            @Override
            public void onClose(WatcherException cause) {
                // closed by the test
            }
        })) {
            configMaps.resource(new ConfigMapBuilder(configMap("watched", "blue")).editMetadata()
                    .addToLabels("watched", "yes").endMetadata().build()).create();
            configMaps.withName("watched").edit(cm -> new ConfigMapBuilder(cm).addToData("color", "green").build());
            configMaps.withName("watched").delete();

            await().atMost(WAIT).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED watched {color=blue}", "MODIFIED watched {color=green}",
                    "DELETED watched {color=green}");
        }
    }

    @Test
    void informerSyncsGetsCallbacksAndMirrorsTheServer() throws Exception {
        var configMaps = client.configMaps().inNamespace(NS);
        configMaps.resource(new ConfigMapBuilder(configMap("before", "1")).editMetadata()
                .addToLabels("informed", "yes").endMetadata().build()).create();
        List<String> callbacks = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = configMaps.withLabel("informed", "yes").inform(
                new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap cm) {
                        callbacks.add("add " + cm.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap old, ConfigMap cm) {
                        if (!old.getMetadata().getResourceVersion().equals(cm.getMetadata().getResourceVersion())) {
                            callbacks.add("update " + cm.getMetadata().getName() + " " + cm.getData().get("color"));
                        }
                    }

                    @Override
                    public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                        callbacks.add("delete " + cm.getMetadata().getName());
                    }
                }, 0);
        try {
            informer.start().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(informer.hasSynced()).isTrue();
            assertThat(callbacks).containsExactly("add before");

            configMaps.resource(new ConfigMapBuilder(configMap("during", "2")).editMetadata()
                    .addToLabels("informed", "yes").endMetadata().build()).create();
            configMaps.withName("during").edit(cm -> new ConfigMapBuilder(cm).addToData("color", "3").build());
            configMaps.withName("before").delete();

            await().atMost(WAIT).until(() -> callbacks.size() >= 4);
            assertThat(callbacks).containsExactly("add before", "add during", "update during 3", "delete before");
            await().atMost(WAIT).untilAsserted(() -> assertThat(informer.getStore().list())
                    .extracting(cm -> cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion())
                    .containsExactlyInAnyOrderElementsOf(configMaps.withLabel("informed", "yes").list().getItems()
                            .stream().map(cm -> cm.getMetadata().getName() + "@" + cm.getMetadata().getResourceVersion())
                            .toList()));
            assertThat(informer.getStore().listKeys()).containsExactly(NS + "/during");
        } finally {
            informer.close();
            configMaps.withName("during").delete();
        }
    }

    private static ConfigMap configMap(String name, String color) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", "shop").endMetadata()
                .addToData("color", color).build();
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).addToLabels("app", name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static <T> T retryOnConflict(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
