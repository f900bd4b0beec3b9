package dev.j8s.client.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.SharedApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class SharedIndexInformerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    ApiServerFixture fixture;
    KubeClient client;
    ResourceClient<ConfigMap> configMaps;

    @BeforeAll
    void start(ApiServerFixture shared) throws Exception {
        fixture = shared;
        client = fixture.newClient();
        configMaps = client.resources(ConfigMap.class);
    }

    private String namespace(String name) {
        client.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build());
        return name;
    }

    private ConfigMap configMap(String ns, String name, String value) {
        return configMaps.create(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(ns)
                .endMetadata().addToData("k", value).build());
    }

    private SharedIndexInformer<ConfigMap> informer(String ns, SharedIndexInformer.Options options) {
        return new SharedIndexInformer<>("configmaps-" + ns, ListerWatcher.of(configMaps, ns, null, null), options);
    }

    /** The cache as key → resourceVersion, to compare with a fresh list. */
    private static Map<String, String> versions(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().collect(Collectors.toMap(ObjectKeys::key, ObjectKeys::resourceVersion));
    }

    private Map<String, String> freshList(String ns) {
        return versions(configMaps.list(ns, ListOptions.ALL).items());
    }

    @Test
    void handlersSeeAddUpdateDeleteInOrderOnTheInformersThreadAndTheCacheMatchesAList() throws Exception {
        String ns = namespace("events");
        configMap(ns, "before-start", "0");
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SharedIndexInformer<ConfigMap> informer = informer(ns, SharedIndexInformer.Options.DEFAULTS)) {
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap object) {
                    seen.add("add " + object.getMetadata().getName());
                    threads.add(Thread.currentThread().getName());
                }

                @Override
                public void onUpdate(ConfigMap oldObject, ConfigMap newObject) {
                    seen.add("update " + newObject.getMetadata().getName() + " " + oldObject.getData().get("k")
                            + "->" + newObject.getData().get("k"));
                }

                @Override
                public void onDelete(ConfigMap object) {
                    seen.add("delete " + object.getMetadata().getName());
                }
            });
            informer.start();
            assertThat(informer.waitForSync(WAIT)).isTrue();
            assertThat(informer.hasSynced()).isTrue();

            configMap(ns, "a", "1");
            configMaps.patch(ns, "a", PatchType.MERGE, "{\"data\":{\"k\":\"2\"}}");
            configMap(ns, "b", "1");
            configMaps.delete(ns, "a", null);

            await().atMost(WAIT).until(() -> seen.size() == 5);
            assertThat(seen).containsExactly("add before-start", "add a", "update a 1->2", "add b", "delete a");
            assertThat(threads).allMatch(t -> t.equals("j8s-informer-configmaps-" + ns));
            assertThat(versions(informer.indexer().list())).isEqualTo(freshList(ns));
            assertThat(informer.indexer().get(ns, "b").getData()).containsEntry("k", "1");
            assertThat(informer.indexer().get(ns, "a")).isNull();

            List<String> late = new CopyOnWriteArrayList<>();
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap object) {
                    late.add(object.getMetadata().getName());
                }
            });
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(late).containsExactlyInAnyOrder("before-start", "b"));
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().endsWith("configmaps-" + ns));
    }

    @Test
    void aDroppedWatchResumesFromTheLastVersionAndAnExpiredOneRelists() throws Exception {
        String ns = namespace("relist");
        configMap(ns, "first", "1");
        try (SharedIndexInformer<ConfigMap> informer = informer(ns,
                SharedIndexInformer.Options.DEFAULTS.withMinWatchTimeout(Duration.ofSeconds(1)))) {
            informer.start();
            assertThat(informer.waitForSync(WAIT)).isTrue();
            assertThat(informer.lists()).isEqualTo(1);

            // The server ends each watch after 1-2 s; the reflector watches again from where it was.
            await().atMost(WAIT).until(() -> informer.watches() >= 2);
            configMap(ns, "second", "1");
            await().atMost(WAIT).until(() -> informer.indexer().get(ns, "second") != null);
            assertThat(informer.lists()).as("a dropped watch resumes, it does not relist").isEqualTo(1);

            // Writes elsewhere move the store on while this informer's last seen version stays put;
            // compacting past it makes the next watch from there answer 410 Expired.
            client.resources(Secret.class).create(new SecretBuilder().withNewMetadata().withName("elsewhere")
                    .withNamespace("default").endMetadata().build());
            fixture.store.compact(fixture.store.currentRevision());
            await().atMost(WAIT).until(() -> informer.lists() >= 2);
            configMaps.delete(ns, "first", null);
            await().atMost(WAIT).until(() -> informer.indexer().get(ns, "first") == null);
            assertThat(versions(informer.indexer().list())).isEqualTo(freshList(ns));
        }
    }

    @Test
    void secondaryIndexesFindPodsByNodeAndResyncRedeliversTheCache() throws Exception {
        String ns = namespace("indexes");
        ResourceClient<Pod> pods = client.resources(Pod.class);
        for (int i = 0; i < 4; i++) {
            pods.create(new PodBuilder().withNewMetadata().withName("p" + i).withNamespace(ns).endMetadata()
                    .withNewSpec().withNodeName(i < 3 ? "node-" + (i % 2) : null).addNewContainer().withName("c")
                    .withImage("busybox").endContainer().endSpec().build());
        }
        List<String> resynced = new CopyOnWriteArrayList<>();
        try (SharedInformerFactory factory = new SharedInformerFactory(client, ns,
                SharedIndexInformer.Options.DEFAULTS.withResync(Duration.ofMillis(200)))) {
            SharedIndexInformer<Pod> informer = factory.informerFor(Pod.class);
            assertThat(factory.informerFor(Pod.class)).isSameAs(informer);
            informer.addIndex(Indexes.NODE_NAME, Indexes.podsByNodeName());
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onUpdate(Pod oldObject, Pod newObject) {
                    if (oldObject == newObject) {
                        resynced.add(newObject.getMetadata().getName());
                    }
                }
            });
            factory.start();
            assertThat(factory.waitForCacheSync(WAIT)).isTrue();
            assertThat(informer.indexer().byIndex(Indexes.NODE_NAME, "node-0"))
                    .extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("p0", "p2");
            assertThat(informer.indexer().byIndex(Indexes.NODE_NAME, "node-1"))
                    .extracting(p -> p.getMetadata().getName()).containsExactly("p1");
            assertThat(informer.indexer().byIndex(Indexes.NAMESPACE, ns)).hasSize(4);
            pods.delete(ns, "p1", new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
            await().atMost(WAIT).until(() -> informer.indexer().byIndex(Indexes.NODE_NAME, "node-1").isEmpty());
            await().atMost(WAIT).until(() -> resynced.containsAll(List.of("p0", "p2", "p3")));
        }
    }
}
