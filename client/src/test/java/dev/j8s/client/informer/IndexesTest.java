package dev.j8s.client.informer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexesTest {

    static Stream<Arguments> claimCandidates() {
        OwnerReference controller = ref("rs-uid", true);
        OwnerReference plainOwner = ref("cm-uid", null);
        OwnerReference notController = ref("other-uid", false);
        return Stream.of(
                Arguments.of("no owners", List.of(), List.of("orphans/ns1")),
                Arguments.of("controller", List.of(controller), List.of("rs-uid")),
                Arguments.of("controller after plain owners", List.of(plainOwner, controller), List.of("rs-uid")),
                Arguments.of("owners that are not controllers", List.of(plainOwner, notController),
                        List.of("orphans/ns1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void claimCandidates(String name, List<OwnerReference> owners, List<String> keys) {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns1")
                .withOwnerReferences(owners).endMetadata().build();
        assertThat(Indexes.<Pod>byControllerUidOrOrphan().values(pod)).isEqualTo(keys);
    }

    private static OwnerReference ref(String uid, Boolean controller) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withName("o")
                .withUid(uid).withController(controller).build();
    }
}
