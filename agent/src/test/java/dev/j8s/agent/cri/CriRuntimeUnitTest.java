package dev.j8s.agent.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.RegistryAuth;
import dev.j8s.agent.runtime.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translations CriRuntime makes without a runtime: resources, log paths, credentials. */
class CriRuntimeUnitTest {

    @Test
    void limitsBecomeLinuxResources() {
        var r = CriRuntime.linuxResources(Resources.ofLimits(64L << 20, 500));
        assertThat(r.getMemoryLimitInBytes()).isEqualTo(64L << 20);
        assertThat(r.getCpuQuota()).isEqualTo(50_000);
        assertThat(r.getCpuPeriod()).isEqualTo(100_000);
        assertThat(r.getCpuShares()).isEqualTo(512);
        var none = CriRuntime.linuxResources(Resources.NONE);
        assertThat(none.getMemoryLimitInBytes()).isZero();
        assertThat(none.getCpuQuota()).isZero();
        assertThat(none.getCpuShares()).isEqualTo(2);
    }

    @Test
    void logPathsAreRelativeToTheSandboxLogDirectory() {
        Path pods = Path.of("/data/agent/pods/uid1");
        assertThat(CriRuntime.relativeLogPath(pods, container(pods.resolve("app/3.log")))).isEqualTo("app/3.log");
        assertThat(CriRuntime.relativeLogPath(pods, container(Path.of("/elsewhere/x.log")))).isEqualTo("app/3.log");
    }

    @Test
    void credentialsNameTheirServerAsAUrl() {
        assertThat(CriRuntime.authConfig(new RegistryAuth("127.0.0.1:5000", "a", "b", "")).getServerAddress())
                .isEqualTo("https://127.0.0.1:5000");
        assertThat(CriRuntime.authConfig(new RegistryAuth("http://127.0.0.1:5000", "a", "b", "")).getServerAddress())
                .isEqualTo("http://127.0.0.1:5000");
    }

    private static ContainerConfig container(Path log) {
        return new ContainerConfig("app", 3, "busybox", List.of("sh"), List.of(), "", Map.of(), List.of(), log,
                Resources.NONE, Map.of());
    }
}
