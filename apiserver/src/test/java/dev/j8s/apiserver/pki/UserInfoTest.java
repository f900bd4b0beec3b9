package dev.j8s.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserInfoTest {

    private static final CertificateAuthority CA =
            CertificateAuthority.create("test-ca", Duration.ofDays(1), Clock.systemUTC());

    static Stream<Arguments> issuedCertificates() {
        return Stream.of(
                Arguments.of("j8s-admin", List.of("system:masters")),
                Arguments.of("system:node:worker-1", List.of("system:nodes", "team-a")),
                Arguments.of("jane", List.of()),
                Arguments.of("o'brien, jr.", List.of("dev+ops", "a=b")));
    }

    @ParameterizedTest
    @MethodSource("issuedCertificates")
    void userIsCommonNameAndGroupsAreOrganizationsInOrder(String commonName, List<String> organizations) {
        IssuedCert cert = CA.issueClient(commonName, organizations, Duration.ofHours(1));

        assertThat(UserInfo.fromCertificate(cert.certificate()))
                .contains(new UserInfo(commonName, organizations));
    }

    @Test
    void certificateWithoutCommonNameAuthenticatesNobody() throws Exception {
        assertThat(UserInfo.fromCertificate(selfSigned("O=system:masters"))).isEmpty();
        assertThat(UserInfo.fromCertificate(selfSigned("CN=,O=system:masters"))).isEmpty();
    }

    @Test
    void foreignAttributesAreIgnored() throws Exception {
        assertThat(UserInfo.fromCertificate(selfSigned("C=DE,OU=platform,O=admins,CN=ops")))
                .contains(new UserInfo("ops", List.of("admins")));
    }

    private static X509Certificate selfSigned(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                Date.from(now.plusSeconds(60)), name, keys.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
