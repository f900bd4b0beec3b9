package dev.j8s.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDeletionRankingTest {

    /** A pod: node ("" = unassigned), phase, ready, restarts, created (minute of the hour). */
    private static Pod pod(String name, String node, String phase, boolean ready, int restarts, int createdMinute) {
        return new PodBuilder().withNewMetadata().withName(name)
                .withCreationTimestamp(String.format("2025-01-01T00:%02d:00Z", createdMinute)).endMetadata()
                .withNewSpec().withNodeName(node.isEmpty() ? null : node).endSpec()
                .withNewStatus().withPhase(phase)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastTransitionTime("2025-01-01T01:00:00Z").endCondition()
                .addNewContainerStatus().withName("c").withRestartCount(restarts).endContainerStatus()
                .endStatus().build();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(pod("unassigned", "", "Pending", false, 0, 1), pod("assigned", "n1", "Pending", false, 0, 1)),
                Arguments.of(pod("pending", "n1", "Pending", false, 0, 1), pod("unknown", "n1", "Unknown", false, 0, 1)),
                Arguments.of(pod("unknown", "n1", "Unknown", false, 0, 1), pod("running", "n1", "Running", false, 0, 1)),
                Arguments.of(pod("not-ready", "n1", "Running", false, 0, 1), pod("ready", "n1", "Running", true, 0, 1)),
                Arguments.of(pod("restarted", "n1", "Running", true, 5, 1), pod("steady", "n1", "Running", true, 0, 1)),
                Arguments.of(pod("newer", "n1", "Running", true, 0, 30), pod("older", "n1", "Running", true, 0, 1)),
                // the first rule decides before later ones
                Arguments.of(pod("unassigned-ready", "", "Running", true, 0, 1),
                        pod("assigned-pending", "n1", "Pending", false, 9, 59)));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void theCheaperPodIsDeletedFirst(Pod first, Pod second) {
        assertThat(PodDeletionRanking.choose(List.of(second, first), 1)).containsExactly(first);
        assertThat(PodDeletionRanking.choose(List.of(first, second), 1)).containsExactly(first);
    }
}
