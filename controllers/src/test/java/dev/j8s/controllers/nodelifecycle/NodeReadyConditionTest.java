package dev.j8s.controllers.nodelifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeReadyConditionTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:01:00Z");
    private static final String BEFORE = "2025-01-01T00:00:00Z";

    private static NodeCondition ready(String status, String reason) {
        return new NodeConditionBuilder().withType("Ready").withStatus(status).withReason(reason)
                .withLastHeartbeatTime(BEFORE).withLastTransitionTime(BEFORE).build();
    }

    static Stream<Arguments> cases() {
        NodeCondition memory = new NodeConditionBuilder().withType("MemoryPressure").withStatus("False").build();
        return Stream.of(
                // overdue, Ready → Unknown; other conditions untouched, the last heartbeat kept
                Arguments.of(List.of(memory, ready("True", "KubeletReady")), true,
                        "Unknown", "NodeStatusUnknown", BEFORE, true),
                Arguments.of(List.of(), true, "Unknown", "NodeStatusNeverUpdated", "2025-01-01T00:01:00Z", true),
                // already Unknown: nothing to write
                Arguments.of(List.of(ready("Unknown", "NodeStatusUnknown")), true, "Unknown", "NodeStatusUnknown",
                        BEFORE, false),
                // heartbeating again: our Unknown goes back to True, stamped now
                Arguments.of(List.of(memory, ready("Unknown", "NodeStatusUnknown")), false,
                        "True", "KubeletReady", "2025-01-01T00:01:00Z", true),
                // the agent's own verdicts are left alone
                Arguments.of(List.of(ready("False", "KubeletNotReady")), false, "False", "KubeletNotReady", BEFORE, false),
                Arguments.of(List.of(ready("True", "KubeletReady")), false, "True", "KubeletReady", BEFORE, false));
    }

    @ParameterizedTest(name = "case {index}")
    @MethodSource("cases")
    void readyFollowsTheHeartbeat(List<NodeCondition> conditions, boolean overdue, String status, String reason,
                                  String heartbeat, boolean changed) {
        List<NodeCondition> out = NodeReadyCondition.update(conditions, overdue, NOW);
        assertThat(out != conditions).as("changed").isEqualTo(changed);
        NodeCondition ready = out.stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(ready.getStatus()).isEqualTo(status);
        assertThat(ready.getReason()).isEqualTo(reason);
        assertThat(ready.getLastHeartbeatTime()).isEqualTo(heartbeat);
        assertThat(out).hasSize(Math.max(conditions.size(), 1));
        if (changed) {
            assertThat(ready.getLastTransitionTime()).isEqualTo("2025-01-01T00:01:00Z");
        }
    }
}
