package dev.j8s.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNamesTest {

    static Stream<Arguments> parsing() {
        return Stream.of(
                Arguments.of(List.of("10.0.0.5"), Set.of(), Set.of("10.0.0.5")),
                Arguments.of(List.of(" Node-1.Example.COM "), Set.of("node-1.example.com"), Set.of()),
                Arguments.of(List.of("::1", "[fd00::10]"), Set.of(), Set.of("::1", "fd00::10")),
                Arguments.of(List.of("0:0:0:0:0:0:0:1", "::1"), Set.of(), Set.of("::1")),
                Arguments.of(List.of("", "  ", "0.0.0.0", "::"), Set.of(), Set.of()),
                Arguments.of(List.of("1.2.3.4.nip.io"), Set.of("1.2.3.4.nip.io"), Set.of()));
    }

    @ParameterizedTest
    @MethodSource
    void parsing(List<String> names, Set<String> dns, Set<String> ips) throws Exception {
        SubjectAltNames parsed = SubjectAltNames.parse(names);

        assertThat(parsed.dnsNames()).isEqualTo(dns);
        assertThat(parsed.ipAddresses()).isEqualTo(addresses(ips));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.999", "fd00::zz", "::1::2"})
    void malformedIpLiteralsAreRejectedWithoutALookup(String literal) {
        assertThatThrownBy(() -> SubjectAltNames.parse(List.of(literal)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "::1", "kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"})
    void defaultsAlwaysIncludeLoopbackAndServiceNames(String name) {
        SubjectAltNames defaults = SubjectAltNames.withDefaults(List.of("j8s.example"));

        assertThat(defaults.covers(SubjectAltNames.parse(List.of(name)))).isTrue();
        assertThat(defaults.dnsNames()).contains("j8s.example");
    }

    static Stream<Arguments> coverage() {
        return Stream.of(
                Arguments.of(List.of("a.example", "10.0.0.1"), List.of("a.example"), true),
                Arguments.of(List.of("a.example", "10.0.0.1"), List.of("A.EXAMPLE", "10.0.0.1"), true),
                Arguments.of(List.of("a.example"), List.of("a.example", "b.example"), false),
                Arguments.of(List.of("a.example"), List.of("10.0.0.1"), false),
                Arguments.of(List.of("::1"), List.of("[0:0::1]"), true),
                Arguments.of(List.of(), List.of(), true));
    }

    @ParameterizedTest
    @MethodSource
    void coverage(List<String> have, List<String> want, boolean covered) {
        assertThat(SubjectAltNames.parse(have).covers(SubjectAltNames.parse(want))).isEqualTo(covered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"j8s.example", "192.168.7.9", "fd00::7"})
    void readsBackWhatWasIssued(String extra) {
        CertificateAuthority ca = CertificateAuthority.create("test-ca", Duration.ofDays(1), Clock.systemUTC());
        SubjectAltNames wanted = SubjectAltNames.withDefaults(List.of(extra));

        IssuedCert serving = ca.issueServing("server", wanted, Duration.ofDays(1));

        assertThat(SubjectAltNames.of(serving.certificate())).isEqualTo(wanted);
    }

    private static Set<InetAddress> addresses(Set<String> literals) throws Exception {
        Set<InetAddress> result = new HashSet<>();
        for (String literal : literals) {
            result.add(InetAddress.getByName(literal));
        }
        return result;
    }
}
