package dev.j8s.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serviceaccounts/token subresource, bearer-token authentication, OIDC discovery and SelfSubjectReview. */
class ServiceAccountTokensTest {

    @TempDir
    static Path dir;

    static ApiServerFixture api;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiServerFixture(dir);
        api.create("/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JsonNode requestToken(String account, String spec, int status) throws Exception {
        return api.json("POST", "/api/v1/namespaces/team/serviceaccounts/" + account + "/token", "application/json",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":" + spec + "}",
                status);
    }

    @Test
    void tokenRequestIsDefaultedAndItsTokenAuthenticatesUntilTheServiceAccountIsGone() throws Exception {
        api.create("/api/v1/namespaces/team/serviceaccounts", "{\"metadata\":{\"name\":\"ci\"}}");
        JsonNode answer = requestToken("ci", "{}", 201);
        assertThat(answer.at("/spec/expirationSeconds").asLong()).isEqualTo(3600);
        assertThat(answer.at("/spec/audiences/0").asText()).isEqualTo("https://kubernetes.default.svc.cluster.local");
        Instant expires = Instant.parse(answer.at("/status/expirationTimestamp").asText());
        assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        String token = answer.at("/status/token").asText();

        HttpResponse<String> review = api.callWithToken("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                token, "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        assertThat(review.statusCode()).isEqualTo(201);
        JsonNode user = ApiServerFixture.parse(review.body()).at("/status/userInfo");
        assertThat(user.path("username").asText()).isEqualTo("system:serviceaccount:team:ci");
        assertThat(user.path("groups").toString())
                .isEqualTo("[\"system:serviceaccounts\",\"system:serviceaccounts:team\",\"system:authenticated\"]");
        assertThat(api.callWithToken("GET", "/api/v1/namespaces/team/pods", token, null).statusCode()).isEqualTo(200);

        api.json("DELETE", "/api/v1/namespaces/team/serviceaccounts/ci", null, null, 200);
        HttpResponse<String> refused = api.callWithToken("GET", "/api/v1/namespaces/team/pods", token, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(ApiServerFixture.parse(refused.body()).path("reason").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void tokenRequestsAreValidated() throws Exception {
        api.create("/api/v1/namespaces/team/serviceaccounts", "{\"metadata\":{\"name\":\"checked\"}}");
        assertThat(requestToken("checked", "{\"expirationSeconds\":599}", 422).path("message").asText())
                .contains("spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 10 minutes");
        assertThat(requestToken("nobody", "{}", 404).path("message").asText())
                .isEqualTo("serviceaccounts \"nobody\" not found");
        assertThat(requestToken("checked", "{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                + "\"name\":\"missing\"}}", 404).path("message").asText()).isEqualTo("pods \"missing\" not found");
        assertThat(requestToken("checked", "{\"boundObjectRef\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\","
                + "\"name\":\"x\"}}", 400).path("message").asText()).contains("cannot bind token");
        JsonNode secret = api.create("/api/v1/namespaces/team/secrets", "{\"metadata\":{\"name\":\"anchor\"}}");
        JsonNode bound = requestToken("checked", "{\"expirationSeconds\":600,\"boundObjectRef\":{\"kind\":\"Secret\","
                + "\"apiVersion\":\"v1\",\"name\":\"anchor\"}}", 201);
        assertThat(bound.at("/spec/boundObjectRef/uid").asText()).isEqualTo(secret.at("/metadata/uid").asText());
        String token = bound.at("/status/token").asText();
        assertThat(api.callWithToken("GET", "/api/v1/namespaces/team/pods", token, null).statusCode()).isEqualTo(200);
        api.json("DELETE", "/api/v1/namespaces/team/secrets/anchor", null, null, 200);
        assertThat(api.callWithToken("GET", "/api/v1/namespaces/team/pods", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void garbageTokensAndAnonymousRequestsAreUnauthorized() throws Exception {
        assertThat(api.callWithToken("GET", "/api/v1/pods", "garbage", null).statusCode()).isEqualTo(401);
        assertThat(api.callWithToken("GET", "/api/v1/pods", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void issuerDiscoveryPublishesTheSigningKey() throws Exception {
        JsonNode config = api.json("GET", "/.well-known/openid-configuration", null, null, 200);
        assertThat(config.path("issuer").asText()).isEqualTo("https://kubernetes.default.svc.cluster.local");
        assertThat(config.path("jwks_uri").asText()).isEqualTo(api.base + "/openid/v1/jwks");
        JsonNode keys = api.json("GET", "/openid/v1/jwks", null, null, 200);
        JsonNode key = keys.at("/keys/0");
        assertThat(key.path("kty").asText()).isEqualTo("RSA");
        assertThat(key.path("alg").asText()).isEqualTo("RS256");
        assertThat(key.path("use").asText()).isEqualTo("sig");
        assertThat(key.path("e").asText()).isEqualTo("AQAB");
        assertThat(key.path("kid").asText()).isNotEmpty();
    }

    @Test
    void selfSubjectReviewOfTheAdminCertificate() throws Exception {
        JsonNode review = api.create("/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        assertThat(review.at("/status/userInfo/username").asText()).isEqualTo("j8s-admin");
        assertThat(review.at("/status/userInfo/groups").toString()).contains("system:masters");
    }
}
