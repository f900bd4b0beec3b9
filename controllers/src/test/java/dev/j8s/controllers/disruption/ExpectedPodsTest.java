package dev.j8s.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** expectedCount and desiredHealthy of a budget, as disruption.go getExpectedPodCount computes them. */
class ExpectedPodsTest {

    /** Controllers by uid with their scale; "gone" has none. */
    static final Map<String, Integer> SCALES = Map.of("rs", 5, "deploy", 3, "sts", 4);
    static final ScaleLookup LOOKUP = (ref, ns) -> Optional.ofNullable(SCALES.get(ref.getUid()))
            .map(replicas -> new ControllerScale(ref.getUid(), replicas));

    record Case(String name, PodDisruptionBudgetSpec spec, List<Pod> pods, int expected, int desired,
                List<String> unmanaged) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        List<Pod> threeOfRs = List.of(pod("a", "rs"), pod("b", "rs"), pod("c", "rs"));
        return Stream.of(
                new Case("integer minAvailable counts the matching pods", min(new IntOrString(2)), threeOfRs, 3, 2,
                        List.of()),
                new Case("integer minAvailable above the pods", min(new IntOrString(5)), threeOfRs.subList(0, 1), 1,
                        5, List.of()),
                new Case("integer minAvailable ignores controllers, even missing ones", min(new IntOrString(1)),
                        List.of(pod("x", "gone"), pod("y", null)), 2, 1, List.of()),
                new Case("percentage minAvailable of the controller's scale, rounded up", min(new IntOrString("50%")),
                        threeOfRs, 5, 3, List.of()),
                new Case("maxUnavailable integer", max(new IntOrString(1)), List.of(pod("d", "deploy")), 3, 2,
                        List.of()),
                new Case("maxUnavailable percentage rounds the unavailable up", max(new IntOrString("30%")),
                        threeOfRs, 5, 3, List.of()),
                new Case("maxUnavailable above the scale leaves nothing desired", max(new IntOrString(10)),
                        List.of(pod("d", "deploy")), 3, 0, List.of()),
                new Case("controllers are summed, each once", min(new IntOrString("100%")),
                        List.of(pod("a", "rs"), pod("b", "rs"), pod("s", "sts")), 9, 9, List.of()),
                new Case("pods without a controller are reported, not counted", max(new IntOrString(1)),
                        List.of(pod("d", "deploy"), pod("lonely", null)), 3, 2, List.of("lonely")),
                new Case("no pods, scale-based: nothing expected", max(new IntOrString(1)), List.of(), 0, 0,
                        List.of()),
                new Case("neither field", new PodDisruptionBudgetSpec(), threeOfRs, 0, 0, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesTheTarget(Case c) {
        ExpectedPods.Target target = ExpectedPods.of(c.spec(), c.pods(), LOOKUP);
        assertThat(target.expectedCount()).as("expectedCount").isEqualTo(c.expected());
        assertThat(target.desiredHealthy()).as("desiredHealthy").isEqualTo(c.desired());
        assertThat(target.unmanagedPods()).as("unmanaged").isEqualTo(c.unmanaged());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsWhenTheScaleCannotBeKnown(PodDisruptionBudgetSpec spec, List<Pod> pods, String message) {
        assertThatThrownBy(() -> ExpectedPods.of(spec, pods, LOOKUP)).isInstanceOf(BudgetSyncException.class)
                .hasMessage(message);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> failures() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(max(new IntOrString(1)),
                        List.of(pod("a", "rs"), pod("x", "gone")), "found no controllers for pod \"x\""),
                org.junit.jupiter.params.provider.Arguments.of(min(new IntOrString("10%")),
                        List.of(pod("x", "gone")), "found no controllers for pod \"x\""),
                org.junit.jupiter.params.provider.Arguments.of(max(new IntOrString("ten")),
                        List.of(pod("a", "rs")),
                        "invalid value for IntOrString: invalid type: string is not a percentage"));
    }

    static PodDisruptionBudgetSpec min(IntOrString value) {
        return new PodDisruptionBudgetSpecBuilder().withMinAvailable(value).build();
    }

    static PodDisruptionBudgetSpec max(IntOrString value) {
        return new PodDisruptionBudgetSpecBuilder().withMaxUnavailable(value).build();
    }

    static Pod pod(String name, String controllerUid) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").endMetadata();
        if (controllerUid != null) {
            pod.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                    .withKind("ReplicaSet").withName(controllerUid).withUid(controllerUid).withController(true)
                    .build()).endMetadata();
        }
        return pod.build();
    }
}
