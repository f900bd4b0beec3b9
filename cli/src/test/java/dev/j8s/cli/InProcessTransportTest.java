package dev.j8s.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.apiserver.ApiServer;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.client.WatchOptions;
import dev.j8s.client.WatchStream;
import dev.j8s.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The j8s client talking to an API server in the same JVM, without TLS or sockets. */
class InProcessTransportTest {

    static final MemoryStore store = new MemoryStore();
    static ApiServer server;
    static KubeClient client;

    @BeforeAll
    static void start() throws Exception {
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0, null, null, 1), store).start();
        client = new KubeClient(new InProcessTransport(server.handler(), "system:j8s-test", "j8s-test/1"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        store.close();
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withData(Map.of("k", value)).build();
    }

    @Test
    void crudWithStatusErrorsAndFieldManagerFromTheUserAgent() {
        ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
        ConfigMap created = configMaps.create(configMap("crud", "1"));
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getManagedFields()).singleElement()
                .satisfies(e -> assertThat(e.getManager()).isEqualTo("j8s-test"));
        created.getData().put("k", "2");
        assertThat(configMaps.update(created).getData()).containsEntry("k", "2");
        assertThatThrownBy(() -> configMaps.create(configMap("crud", "3")))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> assertThat(e.isAlreadyExists()).isTrue());
        configMaps.delete("default", "crud", null);
        assertThatThrownBy(() -> configMaps.get("default", "crud"))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> assertThat(e.isNotFound()).isTrue());
    }

    @Test
    void watchStreamsEventsUntilClosed() throws Exception {
        ResourceClient<ConfigMap> configMaps = client.resources(ConfigMap.class);
        String rv = configMaps.list("default", ListOptions.ALL).resourceVersion();
        try (WatchStream<ConfigMap> watch = configMaps.watch("default", WatchOptions.from(rv))) {
            configMaps.create(configMap("watched", "1"));
            var event = watch.next();
            assertThat(event.type()).isEqualTo(dev.j8s.client.WatchEvent.Type.ADDED);
            assertThat(event.object().getMetadata().getName()).isEqualTo("watched");
        }
    }

    @Test
    void informerSyncsAndFollowsChanges() throws Exception {
        client.resources(ConfigMap.class).create(configMap("before", "1"));
        try (SharedInformerFactory factory = new SharedInformerFactory(client)) {
            SharedIndexInformer<ConfigMap> informer = factory.informerFor(ConfigMap.class);
            factory.start();
            assertThat(factory.waitForCacheSync(Duration.ofSeconds(10))).isTrue();
            assertThat(informer.indexer().get("default", "before")).isNotNull();
            client.resources(ConfigMap.class).create(configMap("after", "1"));
            await().atMost(Duration.ofSeconds(10)).until(() -> informer.indexer().get("default", "after") != null);
        }
    }
}
