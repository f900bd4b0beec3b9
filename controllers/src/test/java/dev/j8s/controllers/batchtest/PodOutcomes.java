package dev.j8s.controllers.batchtest;

import dev.j8s.client.ResourceClient;
import dev.j8s.controllers.framework.Timestamps;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;

/** What a node agent reports when a pod's containers exit: phase Succeeded (exit 0) or Failed (exit 1). */
public final class PodOutcomes {

    private PodOutcomes() {}

    public static void succeed(ResourceClient<Pod> pods, Pod pod) {
        finish(pods, pod, "Succeeded", 0);
    }

    public static void fail(ResourceClient<Pod> pods, Pod pod) {
        finish(pods, pod, "Failed", 1);
    }

    private static void finish(ResourceClient<Pod> pods, Pod pod, String phase, int exitCode) {
        Pod current = pods.get(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        String now = Timestamps.format(Instant.now());
        PodStatus status = new PodStatus();
        status.setPhase(phase);
        status.setContainerStatuses(List.of(new ContainerStatusBuilder().withName("main").withRestartCount(0)
                .withNewState().withNewTerminated().withExitCode(exitCode).withFinishedAt(now).endTerminated()
                .endState().build()));
        current.setStatus(status);
        pods.updateStatus(current);
    }
}
