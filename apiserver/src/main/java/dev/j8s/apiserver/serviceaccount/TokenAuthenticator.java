package dev.j8s.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.pki.ServiceAccountKey;
import dev.j8s.apiserver.rest.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates bearer tokens that are service-account JWTs, as kube-apiserver's service-account authenticator:
 * the RS256 signature must verify with the signing key; a bound token (our issuer) must be within its validity,
 * name one of the API audiences, and its service account (same uid) and bound Pod or Secret (same uid, the pod
 * not being deleted) must still exist; a legacy token must still be the {@code token} of its Secret, whose service
 * account still has the uid it names. The user is {@code system:serviceaccount:<ns>:<name>}.
 */
public final class TokenAuthenticator {

    /** The identity a token proves. */
    public record Identity(String user, String uid, List<String> groups, Map<String, List<String>> extra) {}

    /** Clock skew tolerated on nbf and iat, as the Kubernetes validator's leeway. */
    private static final Duration LEEWAY = Duration.ofMinutes(1);
    private static final String EXTRA_PREFIX = "authentication.kubernetes.io/";

    private final RSASSAVerifier verifier;
    private final String issuer;
    private final List<String> apiAudiences;
    private final ObjectStore objects;
    private final ResourceType serviceAccounts;
    private final ResourceType pods;
    private final ResourceType secrets;
    private final Clock clock;

    public TokenAuthenticator(ServiceAccountKey key, String issuer, List<String> apiAudiences, ResourceRegistry registry,
                              ObjectStore objects, Clock clock) {
        this.verifier = new RSASSAVerifier(key.publicKey());
        this.issuer = issuer;
        this.apiAudiences = List.copyOf(apiAudiences);
        this.objects = objects;
        this.serviceAccounts = registry.byResource("", "v1", "serviceaccounts").orElseThrow();
        this.pods = registry.byResource("", "v1", "pods").orElseThrow();
        this.secrets = registry.byResource("", "v1", "secrets").orElseThrow();
        this.clock = clock;
    }

    /** The identity of a valid token; empty for anything else (the caller answers 401). */
    public Optional<Identity> authenticate(String token) {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
        if (ServiceAccountNames.LEGACY_ISSUER.equals(claims.getIssuer())) {
            return legacy(claims, token);
        }
        if (issuer.equals(claims.getIssuer())) {
            return bound(claims);
        }
        return Optional.empty();
    }

    private Optional<Identity> bound(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            return Optional.empty();
        }
        if (claims.getNotBeforeTime() != null && now.plus(LEEWAY).isBefore(claims.getNotBeforeTime().toInstant())) {
            return Optional.empty();
        }
        if (claims.getAudience() == null || Collections.disjoint(claims.getAudience(), apiAudiences)) {
            return Optional.empty();
        }
        Map<String, Object> kubernetes;
        try {
            kubernetes = claims.getJSONObjectClaim(TokenSigner.KUBERNETES_CLAIM);
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (kubernetes == null || !(kubernetes.get("namespace") instanceof String namespace)) {
            return Optional.empty();
        }
        Ref account = Ref.of(kubernetes.get("serviceaccount"));
        if (account == null || !exists(serviceAccounts, namespace, account)) {
            return Optional.empty();
        }
        Map<String, List<String>> extra = new java.util.TreeMap<>();
        Ref pod = Ref.of(kubernetes.get("pod"));
        if (pod != null) {
            Optional<ObjectNode> live = live(pods, namespace, pod);
            if (live.isEmpty() || live.get().path("metadata").hasNonNull("deletionTimestamp")) {
                return Optional.empty();
            }
            extra.put(EXTRA_PREFIX + "pod-name", List.of(pod.name()));
            extra.put(EXTRA_PREFIX + "pod-uid", List.of(pod.uid()));
        }
        Ref secret = Ref.of(kubernetes.get("secret"));
        if (secret != null && !exists(secrets, namespace, secret)) {
            return Optional.empty();
        }
        if (claims.getJWTID() != null) {
            extra.put(EXTRA_PREFIX + "credential-id", List.of("JTI=" + claims.getJWTID()));
        }
        return Optional.of(identity(namespace, account, extra));
    }

    private Optional<Identity> legacy(JWTClaimsSet claims, String token) {
        Object namespace = claims.getClaim(TokenSigner.LEGACY_NAMESPACE);
        Object secretName = claims.getClaim(TokenSigner.LEGACY_SECRET_NAME);
        Object name = claims.getClaim(TokenSigner.LEGACY_SA_NAME);
        Object uid = claims.getClaim(TokenSigner.LEGACY_SA_UID);
        if (!(namespace instanceof String ns) || !(secretName instanceof String secret)
                || !(name instanceof String saName) || !(uid instanceof String saUid)) {
            return Optional.empty();
        }
        Ref account = new Ref(saName, saUid);
        // A deleted or rewritten Secret revokes the token.
        Optional<ObjectNode> stored = objects.get(secrets, ns, secret);
        boolean current = stored.map(s -> token.equals(decoded(s.path("data").path("token").asText(""))))
                .orElse(false);
        if (!current || !exists(serviceAccounts, ns, account)) {
            return Optional.empty();
        }
        return Optional.of(identity(ns, account, Map.of()));
    }

    private static Identity identity(String namespace, Ref account, Map<String, List<String>> extra) {
        return new Identity(ServiceAccountNames.userName(namespace, account.name()), account.uid(),
                ServiceAccountNames.groups(namespace), extra);
    }

    private boolean exists(ResourceType type, String namespace, Ref ref) {
        return live(type, namespace, ref).isPresent();
    }

    /** The object named by the claim, if it still exists with the uid the token was issued for. */
    private Optional<ObjectNode> live(ResourceType type, String namespace, Ref ref) {
        return objects.get(type, namespace, ref.name())
                .filter(o -> ref.uid().equals(o.path("metadata").path("uid").asText()));
    }

    private static String decoded(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private record Ref(String name, String uid) {
        static Ref of(Object claim) {
            if (claim instanceof Map<?, ?> map && map.get("name") instanceof String name
                    && map.get("uid") instanceof String uid) {
                return new Ref(name, uid);
            }
            return null;
        }
    }
}
