package dev.j8s.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePullPolicyTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(nullValues = "null", value = {
            "null, busybox, ALWAYS",
            "null, busybox:latest, ALWAYS",
            "null, 127.0.0.1:5000/j8s-test/echo:v1, IF_NOT_PRESENT",
            "null, 127.0.0.1:5000/j8s-test/echo, ALWAYS",
            "null, 127.0.0.1:5000/j8s-test/echo:latest, ALWAYS",
            "null, busybox@sha256:abcd, IF_NOT_PRESENT",
            "Always, echo:v1, ALWAYS",
            "IfNotPresent, busybox:latest, IF_NOT_PRESENT",
            "Never, busybox, NEVER",
    })
    void defaultsAsKubernetes(String policy, String image, ImagePullPolicy expected) {
        assertThat(ImagePullPolicy.of(policy, image)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvSource({
            "127.0.0.1:5000, 127.0.0.1:5000/j8s-test/busybox:latest, true",
            "http://127.0.0.1:5000, 127.0.0.1:5000/j8s-test/busybox:latest, true",
            "https://127.0.0.1:5000/v2/, 127.0.0.1:5000/a:b, true",
            "127.0.0.1:5001, 127.0.0.1:5000/a:b, false",
            "https://index.docker.io/v1/, busybox, true",
            "docker.io, library/busybox:1, true",
            "ghcr.io, busybox, false",
            "localhost:5000, localhost:5000/x, true",
    })
    void credentialsMatchTheImagesRegistry(String server, String image, boolean matches) {
        assertThat(new RegistryAuth(server, "u", "p", "").matches(image)).isEqualTo(matches);
    }
}
