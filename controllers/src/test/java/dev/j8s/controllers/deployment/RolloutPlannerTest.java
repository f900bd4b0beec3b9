package dev.j8s.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutPlannerTest {

    private static ReplicaSetCounts rs(String name, int spec, int observed, int available) {
        return new ReplicaSetCounts(name, spec, observed, available);
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                // surge, unavailable, replicas → resolved surge, unavailable
                Arguments.of("25%", "25%", 10, 3, 2),   // surge rounds up, unavailability down
                Arguments.of("25%", "25%", 1, 1, 0),
                Arguments.of("0%", "0%", 4, 0, 1),     // never both zero
                Arguments.of("50%", "10%", 3, 2, 0),
                Arguments.of(2, 1, 5, 2, 1),
                Arguments.of("100%", "0", 3, 3, 0));
    }

    @ParameterizedTest
    @MethodSource("limits")
    void resolvesIntsAndPercentagesAsKubernetesRoundsThem(Object surge, Object unavailable, int replicas,
                                                          int wantSurge, int wantUnavailable) {
        RollingUpdateLimits limits = RollingUpdateLimits.resolve(intOrString(surge), intOrString(unavailable), replicas);
        assertThat(limits).isEqualTo(new RollingUpdateLimits(wantSurge, wantUnavailable));
    }

    private static IntOrString intOrString(Object value) {
        if (value instanceof Integer i) {
            return new IntOrString(i);
        }
        String s = (String) value;
        return s.endsWith("%") ? new IntOrString(s) : new IntOrString(Integer.parseInt(s));
    }

    static Stream<Arguments> newSizes() {
        return Stream.of(
                // desired, surge, unavailable, new, olds → new size
                Arguments.of(4, 1, 1, null, List.of(rs("old", 4, 4, 4)), 1),
                Arguments.of(4, 1, 1, rs("new", 1, 1, 0), List.of(rs("old", 4, 4, 4)), 1),   // at 5 = max
                Arguments.of(4, 1, 1, rs("new", 1, 1, 1), List.of(rs("old", 2, 2, 2)), 3),
                Arguments.of(4, 1, 1, rs("new", 1, 1, 1), List.of(rs("old", 2, 3, 2)), 2),   // old pod not gone yet
                Arguments.of(4, 0, 1, rs("new", 0, 0, 0), List.of(rs("old", 4, 4, 4)), 0),
                Arguments.of(3, 1, 0, rs("new", 5, 5, 5), List.of(), 3),                     // too large: shrink
                Arguments.of(10, 3, 2, null, List.of(rs("a", 5, 5, 5), rs("b", 5, 5, 5)), 3));
    }

    @ParameterizedTest
    @MethodSource("newSizes")
    void newReplicaSetGrowsWithinReplicasPlusSurge(int desired, int surge, int unavailable, ReplicaSetCounts newRs,
                                                  List<ReplicaSetCounts> olds, int want) {
        List<ReplicaSetCounts> all = new java.util.ArrayList<>(olds);
        if (newRs != null) {
            all.add(newRs);
        }
        assertThat(RolloutPlanner.newReplicaSetSize(desired, new RollingUpdateLimits(surge, unavailable), newRs, all))
                .isEqualTo(want);
    }

    static Stream<Arguments> oldSizes() {
        return Stream.of(
                // desired, surge, unavailable, new, olds oldest first → changed sizes
                Arguments.of(4, 1, 1, rs("new", 1, 1, 0), List.of(rs("old", 4, 4, 4)), Map.of("old", 3)),
                Arguments.of(4, 1, 0, rs("new", 1, 1, 0), List.of(rs("old", 4, 4, 4)), Map.of()),
                Arguments.of(4, 1, 0, rs("new", 1, 1, 1), List.of(rs("old", 4, 4, 4)), Map.of("old", 3)),
                // unavailable old pods go first, without touching available ones
                Arguments.of(4, 1, 2, rs("new", 1, 1, 0), List.of(rs("old", 4, 4, 2)), Map.of("old", 2)),
                // no room while the new pods are not available yet (maxScaledDown = 5 - 3 - 2)
                Arguments.of(4, 1, 1, rs("new", 2, 2, 0), List.of(rs("old", 3, 3, 1)), Map.of()),
                // the oldest ReplicaSet shrinks first
                Arguments.of(4, 0, 2, rs("new", 0, 0, 0), List.of(rs("a", 2, 2, 2), rs("b", 2, 2, 2)),
                        Map.of("a", 0)),
                // a stale available count above spec is not relied on
                Arguments.of(4, 1, 1, rs("new", 2, 2, 2), List.of(rs("old", 2, 3, 3)), Map.of("old", 1)),
                Arguments.of(4, 1, 1, rs("new", 4, 4, 4), List.of(rs("old", 0, 0, 0)), Map.of()));
    }

    @ParameterizedTest
    @MethodSource("oldSizes")
    void oldReplicaSetsShrinkWhileEnoughStayAvailable(int desired, int surge, int unavailable, ReplicaSetCounts newRs,
                                                     List<ReplicaSetCounts> olds, Map<String, Integer> want) {
        assertThat(RolloutPlanner.oldReplicaSetSizes(desired, new RollingUpdateLimits(surge, unavailable), newRs, olds))
                .isEqualTo(want);
    }

    static Stream<Arguments> proportional() {
        return Stream.of(
                // desired, surge, active oldest first (annotated max = 6 for all) → sizes
                Arguments.of(10, 3, List.of(rs("old", 4, 4, 4), rs("new", 2, 2, 0)), 6,
                        Map.of("old", 9, "new", 4)),
                Arguments.of(2, 1, List.of(rs("old", 4, 4, 4), rs("new", 2, 2, 0)), 6,
                        Map.of("old", 2, "new", 1)),
                Arguments.of(0, 1, List.of(rs("old", 4, 4, 4), rs("new", 2, 2, 0)), 6,
                        Map.of("old", 0, "new", 0)));
    }

    @ParameterizedTest
    @MethodSource("proportional")
    void aResizeMidRolloutIsSharedInProportion(int desired, int surge, List<ReplicaSetCounts> active, int annotated,
                                               Map<String, Integer> want) {
        assertThat(RolloutPlanner.proportionalSizes(desired, new RollingUpdateLimits(surge, 1), active,
                name -> annotated, 6)).isEqualTo(want);
    }
}
