package dev.j8s.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.KubeconfigCredentials;
import dev.j8s.client.SharedApiServer;
import dev.j8s.client.WatchOptions;
import dev.j8s.client.WatchStream;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedApiServer.class)
class HttpsTransportTest {

    @Test
    void theRequestTimeoutBoundsWaitingForHeadersNotAWatchThatOutlivesIt(ApiServerFixture fixture) throws Exception {
        // Warm the server up first: the request timeout also bounds connecting, and a cold TLS
        // handshake on a busy 2-core machine can take a while.
        fixture.newClient().resources(io.fabric8.kubernetes.api.model.Namespace.class).get(null, "default");
        KubeconfigCredentials credentials = KubeconfigCredentials.load(fixture.kubeconfig);
        try (KubeClient client = new KubeClient(new HttpsTransport(credentials.server(), credentials.sslContext(),
                Duration.ofSeconds(2)))) {
            long start = System.nanoTime();
            try (WatchStream<ConfigMap> watch = client.resources(ConfigMap.class).watch("kube-public",
                    WatchOptions.from("").withTimeoutSeconds(4))) {
                while (watch.next() != null) {
                    // kube-public holds nothing this test waits for; read until the server ends the watch
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(3900));
        }
    }

    @Test
    void aClosedWatchUnblocksItsReader(ApiServerFixture fixture) throws Exception {
        KubeClient client = fixture.newClient();
        WatchStream<ConfigMap> watch = client.resources(ConfigMap.class).watch("kube-public", WatchOptions.from(""));
        Thread reader = Thread.ofPlatform().name("watch-reader").start(() -> {
            try {
                while (watch.next() != null) {
                    // drain
                }
            } catch (java.io.IOException expected) {
                // a closed stream may also end with an I/O error
            }
        });
        watch.close();
        reader.join(Duration.ofSeconds(5));
        assertThat(reader.isAlive()).isFalse();
    }
}
