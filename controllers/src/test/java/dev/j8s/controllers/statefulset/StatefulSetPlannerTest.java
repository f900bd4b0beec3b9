package dev.j8s.controllers.statefulset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.controllers.statefulset.StatefulSetPlanner.Action;
import dev.j8s.controllers.statefulset.StatefulSetPlanner.PodState;
import dev.j8s.controllers.statefulset.StatefulSetPlanner.Policy;
import dev.j8s.controllers.statefulset.StatefulSetPlanner.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatefulSetPlannerTest {

    private static final Policy ORDERED = new Policy(false, true, 0);
    private static final Policy PARALLEL = new Policy(true, true, 0);

    /**
     * Slots written compactly: one token per ordinal from 0, "-" missing, "P" pending, "H" healthy,
     * "T" terminating, "F" failed; a trailing "o" marks an outdated pod (old revision).
     */
    private static List<Slot> slots(int from, String spec) {
        List<Slot> out = new ArrayList<>();
        if (spec.isEmpty()) {
            return out;
        }
        int ordinal = from;
        for (String token : spec.split(" ")) {
            PodState state = switch (token.charAt(0)) {
                case '-' -> PodState.MISSING;
                case 'P' -> PodState.PENDING;
                case 'H' -> PodState.HEALTHY;
                case 'T' -> PodState.TERMINATING;
                case 'F' -> PodState.FAILED;
                default -> throw new IllegalArgumentException(token);
            };
            out.add(new Slot(ordinal++, state, !token.endsWith("o")));
        }
        return out;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ordered: creates only ordinal 0 first", "- - -", "", ORDERED, "create 0"),
                Arguments.of("ordered: waits for a pending ordinal", "P - -", "", ORDERED, ""),
                Arguments.of("ordered: next ordinal once the previous is ready", "H - -", "", ORDERED, "create 1"),
                Arguments.of("ordered: all healthy, nothing to do", "H H H", "", ORDERED, ""),
                Arguments.of("parallel: creates every missing ordinal", "- - -", "", PARALLEL,
                        "create 0, create 1, create 2"),
                Arguments.of("failed pod is deleted to be recreated", "H F -", "", ORDERED, "delete 1"),
                Arguments.of("ordered: scale down removes the highest first", "H", "H H", ORDERED, "delete 2"),
                Arguments.of("ordered: scale down waits for a terminating pod", "H", "H T", ORDERED, ""),
                Arguments.of("ordered: an unhealthy condemned pod is removed first", "H", "P H", ORDERED, ""),
                Arguments.of("ordered: the highest unhealthy condemned pod goes", "H", "H P", ORDERED, "delete 2"),
                Arguments.of("ordered: no scale down while a replica is unready", "P", "H H", ORDERED, ""),
                Arguments.of("parallel: scale down removes all at once", "H", "H H", PARALLEL, "delete 2, delete 1"),
                Arguments.of("rolling update starts at the highest ordinal", "Ho Ho Ho", "", ORDERED, "delete 2"),
                Arguments.of("rolling update waits for the new pod to be ready", "Ho Ho P", "", ORDERED, ""),
                Arguments.of("rolling update continues downwards", "Ho Ho H", "", ORDERED, "delete 1"),
                Arguments.of("rolling update stops at the partition", "Ho Ho H", "", new Policy(false, true, 2), ""),
                Arguments.of("partition below the outdated pods", "Ho Ho Ho", "", new Policy(false, true, 1),
                        "delete 2"),
                Arguments.of("OnDelete never deletes outdated pods", "Ho Ho Ho", "", new Policy(false, false, 0), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void plans(String name, String replicas, String condemned, Policy policy, String expected) {
        List<Slot> wanted = slots(0, replicas);
        List<Action> actions = StatefulSetPlanner.plan(wanted, slots(wanted.size(), condemned), policy);
        String rendered = String.join(", ", actions.stream()
                .map(a -> a.kind().name().toLowerCase() + " " + a.ordinal()).toList());
        assertThat(rendered).isEqualTo(expected);
    }
}
