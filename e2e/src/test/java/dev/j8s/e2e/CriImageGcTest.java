package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.agent.cri.CriClient;
import dev.j8s.agent.cri.v1.Image;
import dev.j8s.agent.cri.v1.ImageFilter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image garbage collection on real containerd: with the node's disk over a high threshold of 1 %, the image no
 * container uses any more is removed while the running pod's image, a finished pod's image and the pause image
 * stay, and the pod keeps running; the failure to get down to 0 % shows as the kubelet's events on the Node. Also: a container's imageID
 * is the image ref containerd reports ({@code repo@sha256:…}).
 */
class CriImageGcTest {

    private static final String NODE = "gc-node";

    @TempDir
    static Path dir;

    static CriCluster cluster;
    static Kubectl kubectl;
    static CriClient cri;

    @BeforeAll
    static void start() throws Exception {
        cluster = CriCluster.start(dir, NODE, List.of("--image-gc-high-threshold", "1", "--image-gc-low-threshold", "0",
                "--minimum-image-ttl-duration", "0s", "--image-gc-period", "2s"));
        kubectl = cluster.kubectl;
        cri = CriClient.connect(cluster.server.dataDir().resolve("agent/cri/containerd/containerd.sock"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cri != null) {
            cri.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void unusedImagesAreCollectedWhileTheRunningPodsImageAndThePauseImageStay() throws Exception {
        String echo = cluster.image("echo:v1");
        String busybox = cluster.image("busybox:latest");
        String nginx = cluster.image("nginx:latest");
        kubectl.run("run", "keep", "--image=" + echo, "--restart=Never").assertOk();
        kubectl.run("wait", "pod/keep", "--for=condition=Ready", "--timeout=90s").assertOk();
        // A finished pod: its exited container still uses its image.
        kubectl.run("run", "done", "--image=" + nginx, "--restart=Never", "--command", "--", "/usr/sbin/nginx", "-v")
                .assertOk();
        kubectl.run("wait", "pod/done", "--for=jsonpath={.status.phase}=Succeeded", "--timeout=90s").assertOk();
        kubectl.run("run", "gone", "--image=" + busybox, "--restart=Never", "--command", "--", "sleep", "3600")
                .assertOk();
        kubectl.run("wait", "pod/gone", "--for=condition=Ready", "--timeout=90s").assertOk();
        assertThat(tags()).contains(echo, busybox, nginx, "j8s.local/pause:3.9");

        // imageID is the image ref containerd reports: the repo digest of the image pulled from the registry.
        String imageId = cluster.jsonpath("pod/keep", "{.status.containerStatuses[0].imageID}");
        assertThat(cluster.jsonpath("pod/keep", "{.status.containerStatuses[0].image}")).isEqualTo(echo);
        assertThat(imageId).matches(cluster.registry.replace(".", "\\.") + "/j8s-test/echo@sha256:[0-9a-f]{64}");
        assertThat(image(echo).getRepoDigestsList()).contains(imageId);

        kubectl.run("delete", "pod", "gone", "--wait=true", "--timeout=60s").assertOk();

        await("busybox garbage collected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !tags().contains(busybox));
        assertThat(tags()).contains(echo, nginx, "j8s.local/pause:3.9");
        assertThat(cluster.jsonpath("pod/keep", "{.status.phase}")).isEqualTo("Running");
        assertThat(cluster.jsonpath("pod/keep", "{.status.containerStatuses[0].restartCount}")).isEqualTo("0");
        assertThat(cluster.server.log()).containsPattern("removing image sha256:[0-9a-f]{64} \\("
                + java.util.regex.Pattern.quote(busybox) + "\\) to free [0-9]+ bytes");

        // Deleting the finished pod removes its container: its image goes too.
        kubectl.run("delete", "pod", "done", "--wait=true", "--timeout=60s").assertOk();
        await("nginx garbage collected").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> !tags().contains(nginx));
        assertThat(tags()).contains(echo, "j8s.local/pause:3.9");
        assertThat(cluster.jsonpath("pod/keep", "{.status.phase}")).isEqualTo("Running");

        // No disk gets down to 0 % used: each run records FreeDiskSpaceFailed, and repeated failures ImageGCFailed.
        await("the kubelet's events on the Node").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> nodeEventReasons().contains("FreeDiskSpaceFailed")
                        && nodeEventReasons().contains("ImageGCFailed"));
    }

    private static List<String> nodeEventReasons() {
        String out = kubectl.run("get", "events", "-n", "default", "-o",
                "jsonpath={range .items[?(@.involvedObject.kind==\"Node\")]}{.reason}{\"\\n\"}{end}").assertOk().out();
        return out.lines().toList();
    }

    private static List<String> tags() {
        return cri.listImages(ImageFilter.getDefaultInstance()).stream()
                .flatMap(i -> i.getRepoTagsList().stream()).toList();
    }

    private static Image image(String ref) {
        return cri.imageStatus(ref).orElseThrow();
    }
}
