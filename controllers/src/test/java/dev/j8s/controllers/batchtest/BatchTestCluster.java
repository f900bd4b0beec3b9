package dev.j8s.controllers.batchtest;

import dev.j8s.apiserver.ApiServer;
import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.Kubeconfig;
import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.store.memory.MemoryStore;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real API server in-process over HTTPS for the batch and node-lifecycle controller tests,
 * with one client and an informer factory for the controller under test.
 */
public final class BatchTestCluster implements AutoCloseable {

    private final Path dir;
    private final MemoryStore store = new MemoryStore();
    private final ApiServer server;
    public final KubeClient client;
    public final SharedInformerFactory informers;

    public BatchTestCluster() throws Exception {
        dir = Files.createTempDirectory("j8s-batch-test");
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0, pki.serverSslContext(), null, 60), store).start();
        Path kubeconfig = dir.resolve("kubeconfig.yaml");
        Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), pki.caPem(), pki.adminCert());
        client = KubeClient.fromKubeconfig(kubeconfig);
        informers = new SharedInformerFactory(client);
    }

    public String namespace(String name) {
        client.resources(Namespace.class).create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                .build());
        return name;
    }

    @Override
    public void close() throws IOException {
        informers.close();
        client.close();
        server.close();
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
