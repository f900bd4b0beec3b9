package dev.j8s.agent.hollow;

import dev.j8s.apiserver.ApiServer;
import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.Kubeconfig;
import dev.j8s.client.KubeClient;
import dev.j8s.store.Store;
import dev.j8s.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;

/** The real API server in-process over HTTPS on an ephemeral port, reached through its admin kubeconfig. */
final class ApiServerFixture implements AutoCloseable {

    final Store store = new MemoryStore();
    final ApiServer server;
    final Path kubeconfig;
    private final List<KubeClient> clients = new java.util.ArrayList<>();

    ApiServerFixture(Path dir) throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0, pki.serverSslContext(), null, 60), store).start();
        kubeconfig = dir.resolve("kubeconfig.yaml");
        Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), pki.caPem(), pki.adminCert());
    }

    synchronized KubeClient newClient() throws Exception {
        KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
        clients.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        clients.forEach(KubeClient::close);
        server.close();
        store.close();
    }
}
