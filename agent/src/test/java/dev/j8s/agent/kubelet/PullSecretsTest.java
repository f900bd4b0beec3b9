package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.RegistryAuth;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PullSecretsTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Secret secret(String name, String key, String json) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata()
                .withType(key.equals(".dockercfg") ? "kubernetes.io/dockercfg" : "kubernetes.io/dockerconfigjson")
                .withData(Map.of(key, b64(json))).build();
    }

    @Test
    void readsDockerConfigJsonWithUsernamePasswordOrAuth() {
        Secret s = secret("regcred", ".dockerconfigjson", """
                {"auths": {"127.0.0.1:5000": {"username": "alice", "password": "s3cret"},
                           "https://ghcr.io": {"auth": "%s"}}}""".formatted(b64("bob:pa:ss")));
        assertThat(PullSecrets.parse(s)).containsExactlyInAnyOrder(
                new RegistryAuth("127.0.0.1:5000", "alice", "s3cret", ""),
                new RegistryAuth("https://ghcr.io", "bob", "pa:ss", ""));
    }

    @Test
    void readsTheOlderDockercfg() {
        Secret s = secret("old", ".dockercfg", """
                {"registry.example:443": {"username": "u", "password": "p", "identitytoken": "t"}}""");
        assertThat(PullSecrets.parse(s)).containsExactly(new RegistryAuth("registry.example:443", "u", "p", "t"));
    }

    @Test
    void followsThePodsImagePullSecretsAndSkipsMissingOrBrokenOnes() {
        Secret good = secret("regcred", ".dockerconfigjson", "{\"auths\": {\"r:1\": {\"username\": \"a\", \"password\": \"b\"}}}");
        Secret broken = new SecretBuilder().withNewMetadata().withName("broken").withNamespace("ns").endMetadata()
                .withData(Map.of(".dockerconfigjson", b64("not json"))).build();
        ConfigSource source = new ConfigSource() {
            @Override
            public io.fabric8.kubernetes.api.model.ConfigMap configMap(String namespace, String name) {
                return null;
            }

            @Override
            public Secret secret(String namespace, String name) {
                return Map.of("regcred", good, "broken", broken).get(name);
            }
        };
        var pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata().withNewSpec()
                .addNewImagePullSecret("missing").addNewImagePullSecret("broken").addNewImagePullSecret("regcred")
                .endSpec().build();
        assertThat(PullSecrets.auths(pod, source)).containsExactly(new RegistryAuth("r:1", "a", "b", ""));
    }
}
