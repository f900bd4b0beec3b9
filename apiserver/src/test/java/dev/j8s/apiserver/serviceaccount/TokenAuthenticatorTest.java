package dev.j8s.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.pki.ServiceAccountKey;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.store.memory.MemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Signing service-account JWTs and authenticating them against the objects they name. */
class TokenAuthenticatorTest {

    private static final ServiceAccountKey KEY = ServiceAccountKey.generate();
    private static final String ISSUER = ServiceAccountNames.DEFAULT_ISSUER;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final ResourceRegistry registry = ResourceRegistry.withBuiltins();
    private final MemoryStore store = new MemoryStore();
    private final ObjectStore objects = new ObjectStore(store);
    private final MutableClock clock = new MutableClock(NOW);
    private final TokenSigner signer = new TokenSigner(KEY, ISSUER, clock);
    private final TokenAuthenticator authenticator = new TokenAuthenticator(KEY, ISSUER, List.of(ISSUER), registry,
            objects, clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void boundTokenCarriesKubernetesClaimsAndVerifiesWithTheKey() throws Exception {
        String token = signer.bound(request("sa-uid", List.of(ISSUER), null)).token();
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY.keyId());
        assertThat(jwt.verify(new RSASSAVerifier(KEY.publicKey()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("system:serviceaccount:ns:robot");
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(ISSUER);
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(claims.getJWTID()).isNotEmpty();
        assertThat(claims.getJSONObjectClaim("kubernetes.io")).containsEntry("namespace", "ns")
                .containsEntry("serviceaccount", Map.of("name", "robot", "uid", "sa-uid"));
    }

    @Test
    void validTokenAuthenticatesAsTheServiceAccount() {
        String uid = createServiceAccount("robot");
        var identity = authenticator.authenticate(signer.bound(request(uid, List.of(ISSUER), null)).token());
        assertThat(identity).hasValueSatisfying(who -> {
            assertThat(who.user()).isEqualTo("system:serviceaccount:ns:robot");
            assertThat(who.uid()).isEqualTo(uid);
            assertThat(who.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:ns",
                    "system:authenticated");
            assertThat(who.extra()).containsKey("authentication.kubernetes.io/credential-id");
        });
    }

    @Test
    void expiredTokenIsRefused() {
        String uid = createServiceAccount("robot");
        String token = signer.bound(request(uid, List.of(ISSUER), null)).token();
        clock.advance(Duration.ofSeconds(3599));
        assertThat(authenticator.authenticate(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    @Test
    void tokenForAnotherAudienceOrSignedByAnotherKeyIsRefused() {
        String uid = createServiceAccount("robot");
        assertThat(authenticator.authenticate(signer.bound(request(uid, List.of("vault"), null)).token())).isEmpty();
        TokenSigner stranger = new TokenSigner(ServiceAccountKey.generate(), ISSUER, clock);
        assertThat(authenticator.authenticate(stranger.bound(request(uid, List.of(ISSUER), null)).token())).isEmpty();
        assertThat(authenticator.authenticate("not-a-jwt")).isEmpty();
    }

    @Test
    void tokenDiesWithItsServiceAccountEvenWhenANewOneTakesTheName() {
        String uid = createServiceAccount("robot");
        String token = signer.bound(request(uid, List.of(ISSUER), null)).token();
        deleteServiceAccount("robot");
        assertThat(authenticator.authenticate(token)).isEmpty();
        createServiceAccount("robot");
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    @Test
    void podBoundTokenDiesWithThePod() {
        String uid = createServiceAccount("robot");
        ResourceType pods = type("pods");
        ObjectNode pod = objects.create(pods, object("Pod", "web", "pod-uid"));
        String token = signer.bound(request(uid, List.of(ISSUER), new TokenSigner.BoundObject("Pod", "web", "pod-uid")))
                .token();
        assertThat(authenticator.authenticate(token)).hasValueSatisfying(who -> assertThat(who.extra())
                .containsEntry("authentication.kubernetes.io/pod-name", List.of("web")));
        objects.delete(pods, "ns", "web", pod.path("metadata").path("resourceVersion").asLong());
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    @Test
    void legacyTokenIsValidWhileItsSecretHoldsIt() {
        String uid = createServiceAccount("robot");
        String token = signer.legacy("ns", "robot", uid, "robot-token");
        ResourceType secrets = type("secrets");
        ObjectNode secret = object("Secret", "robot-token", "secret-uid");
        secret.put("type", "kubernetes.io/service-account-token");
        secret.putObject("data").put("token", Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
        ObjectNode stored = objects.create(secrets, secret);
        assertThat(authenticator.authenticate(token)).map(TokenAuthenticator.Identity::user)
                .hasValue("system:serviceaccount:ns:robot");
        objects.delete(secrets, "ns", "robot-token", stored.path("metadata").path("resourceVersion").asLong());
        assertThat(authenticator.authenticate(token)).isEmpty();
    }

    private TokenSigner.BoundTokenRequest request(String uid, List<String> audiences, TokenSigner.BoundObject bound) {
        return new TokenSigner.BoundTokenRequest("ns", "robot", uid, audiences, Duration.ofHours(1), bound);
    }

    private String createServiceAccount(String name) {
        String uid = java.util.UUID.randomUUID().toString();
        objects.create(type("serviceaccounts"), object("ServiceAccount", name, uid));
        return uid;
    }

    private void deleteServiceAccount(String name) {
        ResourceType sa = type("serviceaccounts");
        long rv = objects.require(sa, "ns", name).path("metadata").path("resourceVersion").asLong();
        objects.delete(sa, "ns", name, rv);
    }

    private ResourceType type(String plural) {
        return registry.byResource("", "v1", plural).orElseThrow();
    }

    private static ObjectNode object(String kind, String name, String uid) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", "ns").put("uid", uid);
        return o;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
