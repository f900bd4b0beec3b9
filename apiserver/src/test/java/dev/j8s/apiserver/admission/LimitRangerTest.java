package dev.j8s.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimitRangerTest {

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static ObjectNode range(String items) {
        return parse("{'metadata':{'name':'lr'},'spec':{'limits':[" + items + "]}}");
    }

    static ObjectNode pod(String... containerResources) {
        StringBuilder containers = new StringBuilder();
        for (int i = 0; i < containerResources.length; i++) {
            containers.append(i > 0 ? "," : "").append("{'name':'c").append(i + 1).append("','image':'x','resources':")
                    .append(containerResources[i]).append('}');
        }
        return parse("{'metadata':{'name':'p'},'spec':{'containers':[" + containers + "]}}");
    }

    @Test
    void defaultsFillOnlyWhatIsMissingAndAnnotateThePod() {
        ObjectNode pod = parse("""
                {'metadata':{'name':'p'},'spec':{
                  'initContainers':[{'name':'init','image':'x'}],
                  'containers':[{'name':'app','image':'x','resources':{'limits':{'cpu':'2'},'requests':{'cpu':'2'}}}]}}""");
        LimitRanger.applyDefaults(pod, List.of(range(
                "{'type':'Container','default':{'cpu':'500m','memory':'256Mi'},'defaultRequest':{'cpu':'100m','memory':'128Mi'}}")));

        JsonNode app = pod.at("/spec/containers/0/resources");
        assertThat(app.at("/limits/cpu").asText()).isEqualTo("2");
        assertThat(app.at("/limits/memory").asText()).isEqualTo("256Mi");
        assertThat(app.at("/requests/cpu").asText()).isEqualTo("2");
        assertThat(app.at("/requests/memory").asText()).isEqualTo("128Mi");
        assertThat(pod.at("/spec/initContainers/0/resources/requests/cpu").asText()).isEqualTo("100m");
        assertThat(pod.at("/metadata/annotations").get(LimitRanger.ANNOTATION).asText()).isEqualTo(
                "LimitRanger plugin set: memory request for container app; memory limit for container app; "
                        + "cpu, memory request for init container init; cpu, memory limit for init container init");
    }

    @Test
    void aPodThatNeedsNothingIsNotAnnotated() {
        ObjectNode pod = pod("{'limits':{'cpu':'1'},'requests':{'cpu':'1'}}");
        LimitRanger.applyDefaults(pod, List.of(range("{'type':'Container','default':{'cpu':'500m'},'defaultRequest':{'cpu':'500m'}}")));
        assertThat(pod.path("metadata").has("annotations")).isFalse();
    }

    static Stream<Arguments> podCases() {
        return Stream.of(
                Arguments.of("max limit", "{'type':'Container','max':{'cpu':'500m'}}",
                        new String[] {"{'limits':{'cpu':'1'},'requests':{'cpu':'100m'}}"},
                        "maximum cpu usage per Container is 500m, but limit is 1"),
                Arguments.of("max without limit", "{'type':'Container','max':{'memory':'1Gi'}}",
                        new String[] {"{'requests':{'memory':'10Mi'}}"},
                        "maximum memory usage per Container is 1Gi.  No limit is specified"),
                Arguments.of("min request", "{'type':'Container','min':{'cpu':'100m'}}",
                        new String[] {"{'requests':{'cpu':'50m'},'limits':{'cpu':'1'}}"},
                        "minimum cpu usage per Container is 100m, but request is 50m"),
                Arguments.of("min without request", "{'type':'Container','min':{'cpu':'100m'}}",
                        new String[] {"{}"},
                        "minimum cpu usage per Container is 100m.  No request is specified"),
                Arguments.of("ratio", "{'type':'Container','maxLimitRequestRatio':{'cpu':'2'}}",
                        new String[] {"{'requests':{'cpu':'250m'},'limits':{'cpu':'1'}}"},
                        "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000"),
                Arguments.of("ratio without request", "{'type':'Container','maxLimitRequestRatio':{'cpu':'2'}}",
                        new String[] {"{'limits':{'cpu':'1'}}"},
                        "cpu max limit to request ratio per Container is 2, but no request is specified or request is 0"),
                Arguments.of("pod max sums containers", "{'type':'Pod','max':{'memory':'1Gi'}}",
                        new String[] {"{'limits':{'memory':'768Mi'}}", "{'limits':{'memory':'512Mi'}}"},
                        "maximum memory usage per Pod is 1Gi, but limit is 1280Mi"),
                Arguments.of("several violations, duplicates once", "{'type':'Container','max':{'cpu':'1'},'min':{'cpu':'200m'}}",
                        new String[] {"{'limits':{'cpu':'2'},'requests':{'cpu':'100m'}}", "{'limits':{'cpu':'2'},'requests':{'cpu':'500m'}}"},
                        "[minimum cpu usage per Container is 200m, but request is 100m, maximum cpu usage per Container is 1, but limit is 2]"),
                Arguments.of("within bounds", "{'type':'Container','max':{'cpu':'1'},'min':{'cpu':'1m'}}",
                        new String[] {"{'limits':{'cpu':'1000m'},'requests':{'cpu':'0.001'}}"}, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podCases")
    void validatesPodsWithKubernetesMessages(String name, String item, String[] containers, String expected) {
        Optional<String> violation = LimitRanger.validatePod(pod(containers), List.of(range(item)));
        assertThat(violation.orElse(null)).isEqualTo(expected);
    }

    @Test
    void onlyTheFirstViolatedRangeIsReported() {
        ObjectNode pod = pod("{'limits':{'cpu':'4'},'requests':{'cpu':'4'}}");
        assertThat(LimitRanger.validatePod(pod, List.of(range("{'type':'Container','max':{'cpu':'8'}}"),
                range("{'type':'Container','max':{'cpu':'2'}}"), range("{'type':'Container','max':{'cpu':'1'}}"))))
                .contains("maximum cpu usage per Container is 2, but limit is 4");
    }

    static Stream<Arguments> claimCases() {
        return Stream.of(
                Arguments.of("5Gi", "maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi"),
                Arguments.of("500Mi", "minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi"),
                Arguments.of("1Gi", null));
    }

    @ParameterizedTest(name = "storage {0}")
    @MethodSource("claimCases")
    void validatesClaimStorage(String storage, String expected) {
        ObjectNode claim = parse("{'metadata':{'name':'c'},'spec':{'resources':{'requests':{'storage':'" + storage + "'}}}}");
        assertThat(LimitRanger.validateClaim(claim, List.of(range(
                "{'type':'PersistentVolumeClaim','min':{'storage':'1Gi'},'max':{'storage':'2Gi'}}"))).orElse(null))
                .isEqualTo(expected);
    }
}
