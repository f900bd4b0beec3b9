package dev.j8s.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.IssuedCert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent API takes only clients with a cluster-CA certificate, and only the API server's identity past /healthz. */
class AgentTlsTest {

    private ClusterPki pki;
    private AgentServer agent;
    private HostPodStreams node;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        IssuedCert serving = pki.issueServingCert("agent", List.of("127.0.0.1"), Duration.ofDays(1));
        node = new HostPodStreams();
        agent = new AgentServer(new AgentServer.Config("127.0.0.1", 0,
                AgentTls.serverContext(serving.certPem(), serving.keyPem(), pki.caPem()), null, null), node).start();
    }

    @AfterEach
    void stop() {
        agent.close();
        node.close();
    }

    @Test
    void apiServerIdentityIsServed() throws Exception {
        IssuedCert apiServer = pki.issueClientCert("system:kube-apiserver", List.of(), Duration.ofHours(1));
        assertThat(get(apiServer, "/containerLogs/default/missing/c").statusCode()).isEqualTo(404);
        assertThat(get(apiServer, "/healthz").body()).isEqualTo("ok");
    }

    @Test
    void otherIdentitiesAreForbiddenAndAnonymousClientsRefused() throws Exception {
        IssuedCert someNode = pki.issueClientCert("system:node:other", List.of("system:nodes"), Duration.ofHours(1));
        HttpResponse<String> forbidden = get(someNode, "/containerLogs/default/web/app");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(get(someNode, "/healthz").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> get(null, "/healthz")).isInstanceOf(IOException.class);
    }

    private HttpResponse<String> get(IssuedCert client, String path) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.key(), new char[0], new Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        try (HttpClient http = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + agent.port() + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
