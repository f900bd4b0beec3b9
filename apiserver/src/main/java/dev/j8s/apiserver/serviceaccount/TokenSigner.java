package dev.j8s.apiserver.serviceaccount;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.j8s.apiserver.pki.ServiceAccountKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs service-account JWTs (RS256, {@code kid} = the key's id) with the claims kube-apiserver gives them:
 * bound tokens from the TokenRequest API (issuer, audiences, expiry, a {@code jti} and the private
 * {@code kubernetes.io} claim naming the namespace, service account and bound object) and legacy tokens for
 * service-account-token Secrets (issuer {@code kubernetes/serviceaccount}, no expiry).
 */
public final class TokenSigner {

    /** The private claim of bound tokens. */
    static final String KUBERNETES_CLAIM = "kubernetes.io";
    static final String LEGACY_NAMESPACE = "kubernetes.io/serviceaccount/namespace";
    static final String LEGACY_SECRET_NAME = "kubernetes.io/serviceaccount/secret.name";
    static final String LEGACY_SA_NAME = "kubernetes.io/serviceaccount/service-account.name";
    static final String LEGACY_SA_UID = "kubernetes.io/serviceaccount/service-account.uid";

    /** The object a bound token lives and dies with: a Pod or a Secret. */
    public record BoundObject(String kind, String name, String uid) {}

    /** What a TokenRequest asks for, after defaulting. */
    public record BoundTokenRequest(String namespace, String serviceAccount, String serviceAccountUid,
                                    List<String> audiences, Duration lifetime, BoundObject boundObject) {}

    public record IssuedToken(String token, Instant expiration) {}

    private final ServiceAccountKey key;
    private final String issuer;
    private final Clock clock;
    private final RSASSASigner signer;

    public TokenSigner(ServiceAccountKey key, String issuer, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.clock = clock;
        this.signer = new RSASSASigner(key.privateKey());
    }

    public String issuer() {
        return issuer;
    }

    public IssuedToken bound(BoundTokenRequest request) {
        // JWT times are whole seconds.
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expiration = now.plus(request.lifetime());
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("namespace", request.namespace());
        if (request.boundObject() != null) {
            BoundObject bound = request.boundObject();
            kubernetes.put(bound.kind().toLowerCase(java.util.Locale.ROOT), ref(bound.name(), bound.uid()));
        }
        kubernetes.put("serviceaccount", ref(request.serviceAccount(), request.serviceAccountUid()));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(ServiceAccountNames.userName(request.namespace(), request.serviceAccount()))
                .audience(request.audiences())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiration))
                .jwtID(UUID.randomUUID().toString())
                .claim(KUBERNETES_CLAIM, kubernetes)
                .build();
        return new IssuedToken(sign(claims), expiration);
    }

    /** The token the tokens controller writes into a Secret of type kubernetes.io/service-account-token. */
    public String legacy(String namespace, String serviceAccount, String serviceAccountUid, String secretName) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ServiceAccountNames.LEGACY_ISSUER)
                .claim(LEGACY_NAMESPACE, namespace)
                .claim(LEGACY_SECRET_NAME, secretName)
                .claim(LEGACY_SA_NAME, serviceAccount)
                .claim(LEGACY_SA_UID, serviceAccountUid)
                .subject(ServiceAccountNames.userName(namespace, serviceAccount))
                .build();
        return sign(claims);
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service-account token", e);
        }
        return jwt.serialize();
    }

    private static Map<String, Object> ref(String name, String uid) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", name);
        ref.put("uid", uid);
        return ref;
    }
}
