package dev.j8s.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeChoiceTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "127.0.0.1:5000, true",
            "127.0.0.2:80, true",
            "localhost:5000, true",
            "[::1]:5000, true",
            "localhost, true",
            "registry.example:5000, false",
            "docker.io, false",
            "10.0.0.1:5000, false",
    })
    void loopbackRegistriesArePlainHttp(String registry, boolean loopback) {
        assertThat(RuntimeChoice.isLoopback(registry)).isEqualTo(loopback);
    }

    @Test
    void aLoopbackSandboxImageRegistryIsPlainHttpFromTheStart() {
        NodeRuntimeOptions options = new NodeRuntimeOptions();
        options.sandboxImage = "127.0.0.1:5000/j8s-test/pause:3.9";
        options.insecureRegistries = List.of("10.1.2.3:5000");
        var o = RuntimeChoice.containerdOptions(Path.of("/data/agent"), options);
        assertThat(o.sandboxImage()).isEqualTo("127.0.0.1:5000/j8s-test/pause:3.9");
        assertThat(o.plainHttpRegistries()).containsExactly("10.1.2.3:5000", "127.0.0.1:5000");
        assertThat(o.socket()).isEqualTo(Path.of("/data/agent/cri/containerd/containerd.sock"));
    }
}
