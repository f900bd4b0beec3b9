package dev.j8s.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.agent.runtime.ContainerState;
import dev.j8s.agent.runtime.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusComputerTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static ContainerStatus running(String name, int attempt) {
        return new ContainerStatus("id-" + name + attempt, "sb", name, attempt, "img", "sha256:abc", ContainerState.RUNNING, T0, T0, null,
                0, null, null, null);
    }

    static ContainerStatus exited(String name, int attempt, int code, String reason) {
        return new ContainerStatus("id-" + name + attempt, "sb", name, attempt, "img", "sha256:abc", ContainerState.EXITED, T0, T0,
                T0.plusSeconds(5), code, reason, null, null);
    }

    static ContainerView view(ContainerStatus latest, ContainerStatus previous, String waiting, boolean ready) {
        String name = latest != null ? latest.name() : "app";
        return new ContainerView(name, "img", latest, previous, waiting, waiting == null ? null : "msg", ready, ready);
    }

    record Case(String name, String restartPolicy, List<ContainerView> inits, List<ContainerView> containers,
                String phase, String ready, String initialized, String state, String reason) {}

    static List<Case> cases() {
        return List.of(
                new Case("creating", "Always", List.of(), List.of(ContainerView.notCreated("app", "img", null, null)),
                        "Pending", "False", "True", "waiting", "ContainerCreating"),
                new Case("running and ready", "Always", List.of(), List.of(view(running("app", 0), null, null, true)),
                        "Running", "True", "True", "running", null),
                new Case("running, readiness failing", "Always", List.of(), List.of(view(running("app", 0), null, null, false)),
                        "Running", "False", "True", "running", null),
                new Case("crash loop keeps Running", "Always", List.of(),
                        List.of(view(exited("app", 2, 1, "Error"), exited("app", 1, 1, "Error"), "CrashLoopBackOff", false)),
                        "Running", "False", "True", "waiting", "CrashLoopBackOff"),
                new Case("completed with Never", "Never", List.of(), List.of(view(exited("app", 0, 0, "Completed"), null, null, false)),
                        "Succeeded", "False", "True", "terminated", "Completed"),
                new Case("error with Never", "Never", List.of(), List.of(view(exited("app", 0, 2, "Error"), null, null, false)),
                        "Failed", "False", "True", "terminated", "Error"),
                new Case("oom with OnFailure restarting", "OnFailure", List.of(),
                        List.of(view(exited("app", 0, 137, "OOMKilled"), null, null, false)),
                        "Running", "False", "True", "terminated", "OOMKilled"),
                new Case("init running", "Always", List.of(view(running("init", 0), null, null, false)),
                        List.of(ContainerView.notCreated("app", "img", "PodInitializing", null)),
                        "Pending", "False", "False", "waiting", "PodInitializing"),
                new Case("init failed with Never", "Never", List.of(view(exited("init", 0, 1, "Error"), null, null, false)),
                        List.of(ContainerView.notCreated("app", "img", "PodInitializing", null)),
                        "Failed", "False", "False", "waiting", "PodInitializing"),
                new Case("init done, app running", "Always", List.of(view(exited("init", 0, 0, "Completed"), null, null, false)),
                        List.of(view(running("app", 0), null, null, true)), "Running", "True", "True", "running", null));
    }

    static Pod pod(String restartPolicy) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("default").withUid("u").endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).endSpec()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("True")
                .withLastTransitionTime("2025-12-31T23:00:00Z").endCondition().endStatus().build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void phaseConditionsAndContainerState(Case c) {
        PodStatus s = PodStatusComputer.compute(pod(c.restartPolicy()), new PodStatusComputer.Observed(true, "10.0.0.1",
                "10.0.0.1", c.inits(), c.containers(), "process"), T0.plusSeconds(10));
        Map<String, String> conditions = s.getConditions().stream()
                .collect(Collectors.toMap(PodCondition::getType, PodCondition::getStatus));
        assertThat(s.getPhase()).isEqualTo(c.phase());
        assertThat(conditions).containsEntry("Ready", c.ready()).containsEntry("ContainersReady", c.ready())
                .containsEntry("Initialized", c.initialized()).containsEntry("PodScheduled", "True")
                .containsEntry("PodReadyToStartContainers", "True");
        var state = s.getContainerStatuses().get(0).getState();
        switch (c.state()) {
            case "waiting" -> assertThat(state.getWaiting().getReason()).isEqualTo(c.reason());
            case "running" -> assertThat(state.getRunning().getStartedAt()).isEqualTo("2026-01-01T00:00:00Z");
            default -> assertThat(state.getTerminated().getReason()).isEqualTo(c.reason());
        }
        assertThat(s.getHostIP()).isEqualTo("10.0.0.1");
        assertThat(s.getPodIP()).isEqualTo("10.0.0.1");
    }

    @Test
    void crashLoopShowsTheLastExitAndRestartCount() {
        PodStatus s = PodStatusComputer.compute(pod("Always"), new PodStatusComputer.Observed(true, "h", "p", List.of(),
                List.of(view(exited("app", 3, 2, "Error"), exited("app", 2, 2, "Error"), "CrashLoopBackOff", false)),
                "process"), T0);
        var cs = s.getContainerStatuses().get(0);
        assertThat(cs.getRestartCount()).isEqualTo(3);
        assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(2);
        assertThat(cs.getContainerID()).isEqualTo("process://id-app3");
        assertThat(s.getConditions()).filteredOn(c -> c.getType().equals("Ready"))
                .singleElement().satisfies(c -> assertThat(c.getMessage()).isEqualTo("containers with unready status: [app]"));
    }

    @Test
    void imageIsTheSpecImageAndImageIdTheRuntimesImageRef() {
        PodStatus s = PodStatusComputer.compute(pod("Always"), new PodStatusComputer.Observed(true, "h", "p", List.of(),
                List.of(view(running("app", 0), null, null, true), ContainerView.notCreated("next", "img:2", null, null)),
                "containerd"), T0);
        var running = s.getContainerStatuses().get(0);
        assertThat(running.getImage()).isEqualTo("img");
        assertThat(running.getImageID()).isEqualTo("sha256:abc");
        // No container yet: the kubelet's waiting status has an empty imageID.
        var waiting = s.getContainerStatuses().get(1);
        assertThat(waiting.getImage()).isEqualTo("img:2");
        assertThat(waiting.getImageID()).isEmpty();
    }

    @Test
    void unchangedConditionsKeepTheirTransitionTime() {
        Pod p = pod("Always");
        PodStatus first = PodStatusComputer.compute(p, new PodStatusComputer.Observed(true, "h", "p", List.of(),
                List.of(view(running("app", 0), null, null, true)), "process"), T0);
        p.setStatus(first);
        PodStatus later = PodStatusComputer.compute(p, new PodStatusComputer.Observed(true, "h", "p", List.of(),
                List.of(view(running("app", 0), null, null, true)), "process"), T0.plusSeconds(60));
        assertThat(later).isEqualTo(first);
        assertThat(PodStatusComputerTest.condition(later, "PodScheduled")).isEqualTo("2025-12-31T23:00:00Z");
    }

    static String condition(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow()
                .getLastTransitionTime();
    }
}
