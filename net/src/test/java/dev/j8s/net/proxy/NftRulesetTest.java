package dev.j8s.net.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NftRulesetTest {

    private static final NftRuleset.Options OPTIONS = new NftRuleset.Options("j8s", "10.42.0.0/16", List.of());
    private static final Backend A = new Backend("10.42.0.5", 8080);
    private static final Backend B = new Backend("10.42.0.6", 8080);

    private static ServicePortRule rule(String name, String clusterIp, int nodePort, int affinity, Backend... backends) {
        return new ServicePortRule("default", name, "http", "TCP", clusterIp, 80, nodePort, false, affinity,
                List.of(backends));
    }

    static Stream<Arguments> cases() {
        ServicePortRule web = rule("web", "10.43.0.20", 0, 0, A, B);
        return Stream.of(
                Arguments.of("two endpoints: a numgen vmap over two endpoint chains", List.of(web), List.of(
                        "10.43.0.20 . tcp . 80 : goto " + NftRuleset.chainName("svc", web, null),
                        "numgen random mod 2 vmap { 0 : goto " + NftRuleset.chainName("endpoint", web, A)
                                + ", 1 : goto " + NftRuleset.chainName("endpoint", web, B) + " }",
                        "meta l4proto tcp dnat to 10.42.0.5:8080",
                        "ip saddr 10.42.0.5 jump mark-for-masquerade",
                        "ip daddr 10.43.0.20 ip saddr != 10.42.0.0/16 jump mark-for-masquerade"),
                        List.of("reject-chain\n      ", "affinity-")),
                Arguments.of("no endpoints: rejected, not DNATed", List.of(rule("empty", "10.43.0.21", 30080, 0)), List.of(
                        "10.43.0.21 . tcp . 80 : goto reject-chain",
                        "tcp . 30080 : goto reject-chain"),
                        List.of("numgen", "dnat to")),
                Arguments.of("NodePort: masqueraded, then the service chain", List.of(rule("np", "10.43.0.22", 30081, 0, A)), List.of(
                        "tcp . 30081 : goto " + NftRuleset.chainName("ext", rule("np", "10.43.0.22", 30081, 0, A), null),
                        "fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports",
                        "jump mark-for-masquerade\n    goto " + NftRuleset.chainName("svc", rule("np", "10.43.0.22", 30081, 0, A), null)),
                        List.of()),
                Arguments.of("ClientIP affinity: a timed set per endpoint, checked before the random pick",
                        List.of(rule("sticky", "10.43.0.23", 0, 60, A)), List.of(
                        "set " + NftRuleset.chainName("affinity", rule("sticky", "10.43.0.23", 0, 60, A), A),
                        "flags dynamic,timeout\n    timeout 60s",
                        "ip saddr @" + NftRuleset.chainName("affinity", rule("sticky", "10.43.0.23", 0, 60, A), A) + " goto "
                                + NftRuleset.chainName("endpoint", rule("sticky", "10.43.0.23", 0, 60, A), A),
                        "update @" + NftRuleset.chainName("affinity", rule("sticky", "10.43.0.23", 0, 60, A), A) + " { ip saddr }"),
                        List.of()),
                Arguments.of("headless NodePort-less rules and IPv6 endpoints render nothing",
                        List.of(rule("v6", null, 0, 0, new Backend("fd00::1", 80))), List.of(),
                        List.of("dnat to", "goto reject-chain")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersTheRulesOfEachCase(String name, List<ServicePortRule> rules, List<String> present, List<String> absent) {
        String script = NftRuleset.render(rules, OPTIONS);

        assertThat(script).startsWith("add table ip j8s\ndelete table ip j8s\ntable ip j8s {\n");
        for (String fragment : present) {
            assertThat(script).contains(fragment);
        }
        for (String fragment : absent) {
            assertThat(script).doesNotContain(fragment);
        }
        // nft itself parses and checks every case (nft -c builds the transaction without committing it).
        NftApplier.host().check(script);
    }

    @Test
    void nodePortAddressesRestrictTheNodePortMatchButNeverToLoopback() {
        String script = NftRuleset.render(List.of(), new NftRuleset.Options("j8s", "10.42.0.0/16",
                List.of("192.168.0.0/16", "127.0.0.1/32")));

        assertThat(script).contains("ip daddr { 192.168.0.0/16, 127.0.0.1/32 } ip daddr != 127.0.0.0/8 meta l4proto");
        NftApplier.host().check(script);
    }

    @Test
    void equalInputsRenderEqualScriptsAndNamesAreStableAndUnique() {
        ServicePortRule web = rule("web", "10.43.0.20", 30080, 30, A, B);
        assertThat(NftRuleset.render(List.of(web), OPTIONS)).isEqualTo(NftRuleset.render(List.of(web), OPTIONS));
        assertThat(NftRuleset.chainName("endpoint", web, A)).isNotEqualTo(NftRuleset.chainName("endpoint", web, B))
                .startsWith("endpoint-").endsWith("-default/web/tcp/http__10.42.0.5/8080");
    }

    @Test
    void deletingATableThatIsMissingIsNotAnError() {
        NftApplier.host().check(NftRuleset.deleteTable(new NftRuleset.Options("j8s-test-missing", "10.42.0.0/16",
                List.of())));
    }
}
