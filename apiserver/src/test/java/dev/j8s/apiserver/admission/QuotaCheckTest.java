package dev.j8s.apiserver.admission;

import static dev.j8s.apiserver.admission.LimitRangerTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaCheckTest {

    private static final Instant NOW = Instant.EPOCH;
    private static final PodUsage PODS = new PodUsage();

    static ObjectNode quota(String name, String hard, String used, String spec) {
        return parse("{'metadata':{'name':'" + name + "','namespace':'ns','resourceVersion':'7'},'spec':{'hard':" + hard
                + spec + "},'status':{'hard':" + hard + ",'used':" + used + "}}");
    }

    static ObjectNode quota(String name, String hard, String used) {
        return quota(name, hard, used, "");
    }

    static final ObjectNode SMALL_POD = parse(
            "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'app','resources':{'requests':{'cpu':'500m','memory':'64Mi'},"
                    + "'limits':{'cpu':'1','memory':'128Mi'}}}]}}");

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(quota("q", "{'pods':'2'}", "{'pods':'2'}"),
                        "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"),
                Arguments.of(quota("compute", "{'limits.cpu':'2','requests.cpu':'1','pods':'10'}",
                                "{'limits.cpu':'1500m','requests.cpu':'0','pods':'1'}"),
                        "exceeded quota: compute, requested: limits.cpu=1, used: limits.cpu=1500m, limited: limits.cpu=2"),
                Arguments.of(quota("mem", "{'requests.memory':'100Mi','limits.memory':'150Mi'}",
                                "{'requests.memory':'64Mi','limits.memory':'64Mi'}"),
                        "exceeded quota: mem, requested: limits.memory=128Mi,requests.memory=64Mi, used: "
                                + "limits.memory=64Mi,requests.memory=64Mi, limited: limits.memory=150Mi,requests.memory=100Mi"),
                Arguments.of(quota("fresh", "{'pods':'2'}", "{}"), "status unknown for quota: fresh, resources: pods"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void refusesWithKubernetesMessages(ObjectNode quota, String message) {
        assertThatThrownBy(() -> QuotaCheck.forCreate(List.of(quota), SMALL_POD, PODS, NOW))
                .isInstanceOf(QuotaCheck.Denied.class).hasMessage(message);
    }

    @Test
    void aQuotaOnLimitsRefusesAContainerWithoutOne() {
        ObjectNode pod = parse("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'web'}]}}");
        assertThatThrownBy(() -> QuotaCheck.forCreate(List.of(quota("q", "{'limits.cpu':'2'}", "{'limits.cpu':'0'}")),
                pod, PODS, NOW)).hasMessage("failed quota: q: must specify limits.cpu for: web");
    }

    @Test
    void chargesOnlyWhatEachQuotaLimits() {
        List<QuotaCheck.Charge> charges = QuotaCheck.forCreate(List.of(
                quota("count", "{'pods':'5','configmaps':'3'}", "{'pods':'1','configmaps':'0'}"),
                quota("cpu", "{'requests.cpu':'4'}", "{'requests.cpu':'0'}")), SMALL_POD, PODS, NOW);
        assertThat(charges).extracting(c -> c.quotaName() + ":" + c.newUsed())
                .containsExactly("count:configmaps=0,pods=2", "cpu:requests.cpu=500m");
    }

    @Test
    void scopedQuotasOnlyChargePodsInTheirScope() {
        ObjectNode bestEffortOnly = quota("be", "{'pods':'1'}", "{'pods':'1'}", ",'scopes':['BestEffort']");
        assertThat(QuotaCheck.forCreate(List.of(bestEffortOnly), SMALL_POD, PODS, NOW)).isEmpty();
        ObjectNode bare = parse("{'metadata':{'name':'b'},'spec':{'containers':[{'name':'a'}]}}");
        assertThatThrownBy(() -> QuotaCheck.forCreate(List.of(bestEffortOnly), bare, PODS, NOW))
                .hasMessageStartingWith("exceeded quota: be");
    }

    @Test
    void objectCountsUseTheirLegacyAndCountNames() {
        UsageEvaluator configMaps = UsageEvaluators.forGroupResource("configmaps");
        ObjectNode cm = parse("{'metadata':{'name':'c'}}");
        assertThatThrownBy(() -> QuotaCheck.forCreate(List.of(quota("q", "{'count/configmaps':'1'}",
                "{'count/configmaps':'1'}")), cm, configMaps, NOW))
                .hasMessage("exceeded quota: q, requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1");
        assertThat(QuotaCheck.forCreate(List.of(quota("q", "{'configmaps':'2','pods':'1'}", "{'configmaps':'1','pods':'1'}")),
                cm, configMaps, NOW)).extracting(c -> c.newUsed().toString()).containsExactly("configmaps=2,pods=1");
    }
}
