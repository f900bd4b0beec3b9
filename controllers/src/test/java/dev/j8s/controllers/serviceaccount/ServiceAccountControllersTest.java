package dev.j8s.controllers.serviceaccount;

import static dev.j8s.controllers.ControllerTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.ControllerTestSupport;
import dev.j8s.controllers.nodelifecycle.NodeLifecycleController;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default ServiceAccount controller, the root CA publisher and the legacy tokens controller. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class ServiceAccountControllersTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nTEST\n-----END CERTIFICATE-----\n";

    KubeClient client;
    ControllerManager manager;

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        // The signer is the API server's in production; here its inputs are made visible in the token.
        LegacyTokenSigner signer = (ns, sa, uid, secret) -> String.join("|", ns, sa, uid, secret);
        manager = new ControllerManager(client, Clock.systemUTC(), 2, NodeLifecycleController.Options.DEFAULTS,
                new ServiceAccountOptions(CA, signer));
        manager.start();
    }

    @AfterAll
    void stop() {
        manager.close();
    }

    @Test
    void everyNamespaceKeepsItsDefaultServiceAccount() {
        String ns = ControllerTestSupport.namespace(client, "sa-default");
        var accounts = client.resources(ServiceAccount.class);
        await().ignoreExceptions().atMost(WAIT).until(() -> accounts.get(ns, "default") != null);
        String firstUid = accounts.get(ns, "default").getMetadata().getUid();
        accounts.delete(ns, "default", null);
        await().ignoreExceptions().atMost(WAIT).until(() -> !accounts.get(ns, "default").getMetadata().getUid()
                .equals(firstUid));
    }

    @Test
    void everyNamespaceKeepsTheRootCaConfigMap() {
        String ns = ControllerTestSupport.namespace(client, "sa-rootca");
        var configMaps = client.resources(ConfigMap.class);
        await().ignoreExceptions().atMost(WAIT).until(() -> configMaps.get(ns, "kube-root-ca.crt") != null);
        ConfigMap published = configMaps.get(ns, "kube-root-ca.crt");
        assertThat(published.getData()).isEqualTo(Map.of("ca.crt", CA));
        assertThat(published.getMetadata().getAnnotations()).containsKey("kubernetes.io/description");

        published.setData(Map.of("ca.crt", "tampered"));
        configMaps.update(published);
        await().ignoreExceptions().atMost(WAIT).until(() -> CA.equals(configMaps.get(ns, "kube-root-ca.crt")
                .getData().get("ca.crt")));
    }

    @Test
    void legacyTokenSecretsAreFilledAndDeletedWithTheirServiceAccount() {
        String ns = ControllerTestSupport.namespace(client, "sa-tokens");
        ServiceAccount robot = client.resources(ServiceAccount.class).create(new ServiceAccountBuilder()
                .withNewMetadata().withName("robot").withNamespace(ns).endMetadata().build());
        var secrets = client.resources(Secret.class);
        secrets.create(new SecretBuilder().withNewMetadata().withName("robot-token").withNamespace(ns)
                .addToAnnotations("kubernetes.io/service-account.name", "robot").endMetadata()
                .withType("kubernetes.io/service-account-token").build());
        String uid = robot.getMetadata().getUid();
        await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> {
            Secret filled = secrets.get(ns, "robot-token");
            assertThat(decode(filled.getData().get("token"))).isEqualTo(ns + "|robot|" + uid + "|robot-token");
            assertThat(decode(filled.getData().get("ca.crt"))).isEqualTo(CA);
            assertThat(decode(filled.getData().get("namespace"))).isEqualTo(ns);
            assertThat(filled.getMetadata().getAnnotations()).containsEntry("kubernetes.io/service-account.uid", uid);
        });

        client.resources(ServiceAccount.class).delete(ns, "robot", null);
        await().atMost(WAIT).until(() -> gone(ns, "robot-token"));
    }

    private boolean gone(String ns, String name) {
        try {
            client.resources(Secret.class).get(ns, name);
            return false;
        } catch (ApiStatusException e) {
            return e.isNotFound();
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
