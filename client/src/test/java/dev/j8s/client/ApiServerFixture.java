package dev.j8s.client;

import dev.j8s.apiserver.ApiServer;
import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.Kubeconfig;
import dev.j8s.store.Store;
import dev.j8s.store.memory.MemoryStore;
import java.nio.file.Path;
import java.util.List;

/**
 * The real API server in-process over HTTPS on an ephemeral port, with clients that reach it as a
 * remote component would: through the admin kubeconfig the server's PKI issues.
 */
public final class ApiServerFixture implements AutoCloseable {

    public final Store store = new MemoryStore();
    public final ApiServer server;
    public final Path kubeconfig;
    /** The cluster PKI, for tests that run node agents (their serving certificates come from it). */
    public final ClusterPki pki;
    private final java.util.List<KubeClient> clients = new java.util.ArrayList<>();

    public ApiServerFixture(Path dir) throws Exception {
        this(dir, 60);
    }

    public ApiServerFixture(Path dir, long bookmarkIntervalSeconds) throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        this.pki = pki;
        server = new ApiServer(new ApiServer.Config("127.0.0.1", 0, pki.serverSslContext(), null,
                bookmarkIntervalSeconds, pki.nodeClientSslContext()), store).start();
        kubeconfig = dir.resolve("kubeconfig.yaml");
        Kubeconfig.write(kubeconfig, "https://127.0.0.1:" + server.port(), pki.caPem(), pki.adminCert());
    }

    /** A new client with its own connection; closed with the fixture. */
    public synchronized KubeClient newClient() throws Exception {
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
