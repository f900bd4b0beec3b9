package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.agent.runtime.Mount;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeManagerTest {

    @TempDir
    Path dir;

    private Pod pod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("prod").withUid("u-1")
                .withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").endContainer()
                .addNewVolume().withName("scratch").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("cfg").withNewConfigMap().withName("cfg").addNewItem().withKey("mode")
                .withPath("conf/mode.txt").withMode(0600).endItem().endConfigMap().endVolume()
                .addNewVolume().withName("sec").withNewSecret().withSecretName("sec").endSecret().endVolume()
                .addNewVolume().withName("info").withNewDownwardAPI().addNewItem().withPath("labels").withNewFieldRef()
                .withFieldPath("metadata.labels").endFieldRef().endItem().endDownwardAPI().endVolume()
                .addNewVolume().withName("all").withNewProjected().addNewSource().withNewConfigMap().withName("cfg")
                .endConfigMap().endSource().addNewSource().withNewServiceAccountToken().withPath("token")
                .endServiceAccountToken().endSource().endProjected().endVolume()
                .endSpec().build();
    }

    @Test
    void writesEachKindOfVolumeUnderThePodDirectory() throws Exception {
        VolumeManager volumes = new VolumeManager(dir, EnvResolverTest.SOURCE);
        Map<String, Path> paths = volumes.materialize(pod(), "h", "p", Map.of());
        assertThat(paths.get("scratch")).isDirectory().isEmptyDirectory();
        Path mode = paths.get("cfg").resolve("conf/mode.txt");
        assertThat(mode).hasContent("fast");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mode))).isEqualTo("rw-------");
        assertThat(paths.get("sec").resolve("password")).hasContent("s3cret");
        assertThat(paths.get("info").resolve("labels")).hasContent("app=\"web\"");
        assertThat(paths.get("all").resolve("level")).hasContent("3");
        // No TokenRequest API: the token is not written.
        assertThat(paths.get("all").resolve("token")).doesNotExist();
        assertThat(paths.get("cfg")).startsWith(dir.resolve("u-1/.volumes"));
    }

    @Test
    void mountsFollowVolumeMountsWithSubPathsAndAreNamedInTheEnvironment() throws Exception {
        Map<String, Path> paths = Map.of("cfg", dir.resolve("cfg"), "data-dir", dir.resolve("data"));
        var container = new ContainerBuilder().withName("app")
                .addNewVolumeMount().withName("cfg").withMountPath("/etc/app").withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("data-dir").withMountPath("/data/x").withSubPath("x").endVolumeMount()
                .build();
        List<Mount> mounts = VolumeManager.mounts(container, paths);
        assertThat(mounts).containsExactly(new Mount(dir.resolve("cfg"), "/etc/app", true),
                new Mount(dir.resolve("data/x"), "/data/x", false));
        assertThat(VolumeManager.mountEnv(container, mounts)).containsEntry("J8S_VOLUME_CFG", dir.resolve("cfg").toString())
                .containsEntry("J8S_VOLUME_DATA_DIR", dir.resolve("data/x").toString());
        var missing = new ContainerBuilder().withName("app").addNewVolumeMount().withName("nope").withMountPath("/x")
                .endVolumeMount().build();
        assertThatThrownBy(() -> VolumeManager.mounts(missing, paths)).isInstanceOf(ContainerConfigException.class);
    }
}
