package dev.j8s.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.apiserver.pki.ServiceAccountKey;
import java.math.BigInteger;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The service-account issuer discovery documents kube-apiserver serves, so that other parties can verify
 * service-account tokens: {@code /.well-known/openid-configuration} and the key set at {@code /openid/v1/jwks}.
 */
public final class OidcDiscovery {

    public static final String CONFIGURATION_PATH = "/.well-known/openid-configuration";
    public static final String JWKS_PATH = "/openid/v1/jwks";
    public static final String JWKS_CONTENT_TYPE = "application/jwk-set+json";

    private final String issuer;
    private final Supplier<String> externalUrl;
    private final ObjectNode keySet;

    /** @param externalUrl the server's own https URL, for {@code jwks_uri} (no --service-account-jwks-uri yet) */
    public OidcDiscovery(String issuer, Supplier<String> externalUrl, ServiceAccountKey key) {
        this.issuer = issuer;
        this.externalUrl = externalUrl;
        this.keySet = keySet(key);
    }

    public ObjectNode configuration() {
        ObjectNode doc = Json.object();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", externalUrl.get() + JWKS_PATH);
        doc.putArray("response_types_supported").add("id_token");
        doc.putArray("subject_types_supported").add("public");
        doc.putArray("id_token_signing_alg_values_supported").add("RS256");
        return doc;
    }

    public ObjectNode keys() {
        return keySet.deepCopy();
    }

    private static ObjectNode keySet(ServiceAccountKey key) {
        ObjectNode set = Json.object();
        ObjectNode jwk = set.putArray("keys").addObject();
        jwk.put("use", "sig");
        jwk.put("kty", "RSA");
        jwk.put("kid", key.keyId());
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(key.publicKey().getModulus()));
        jwk.put("e", unsigned(key.publicKey().getPublicExponent()));
        return set;
    }

    /** RFC 7518 6.3.1: big-endian without a sign byte, base64url without padding. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
