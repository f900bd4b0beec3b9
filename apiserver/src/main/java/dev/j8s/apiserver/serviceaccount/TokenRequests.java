package dev.j8s.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.api.StatusCause;
import dev.j8s.apiserver.rest.ObjectStore;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code serviceaccounts/token} subresource: a POSTed authentication.k8s.io/v1 TokenRequest comes back with
 * {@code status.token} (a JWT for the service account) and {@code status.expirationTimestamp}, as kube-apiserver's
 * TokenREST answers it: expirationSeconds defaults to 3600 and must be at least 600, audiences default to the API
 * audiences, and a boundObjectRef to a Pod or Secret ties the token's life to that object (its uid is filled in).
 */
public final class TokenRequests {

    static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    static final long MIN_EXPIRATION_SECONDS = 600;
    static final long MAX_EXPIRATION_SECONDS = 1L << 32;
    private static final String API_VERSION = "authentication.k8s.io/v1";

    private final TokenSigner signer;
    private final List<String> apiAudiences;
    private final ObjectStore objects;
    private final ResourceType serviceAccounts;
    private final ResourceType pods;
    private final ResourceType secrets;

    public TokenRequests(TokenSigner signer, List<String> apiAudiences, ResourceRegistry registry, ObjectStore objects) {
        this.signer = signer;
        this.apiAudiences = List.copyOf(apiAudiences);
        this.objects = objects;
        this.serviceAccounts = registry.byResource("", "v1", "serviceaccounts").orElseThrow();
        this.pods = registry.byResource("", "v1", "pods").orElseThrow();
        this.secrets = registry.byResource("", "v1", "secrets").orElseThrow();
    }

    /** Answers a TokenRequest for {@code namespace/name}; a dry run checks everything but issues no token. */
    public ObjectNode create(String namespace, String name, ObjectNode request, boolean dryRun) {
        String kind = request.path("kind").asText("");
        String apiVersion = request.path("apiVersion").asText("");
        if ((!kind.isEmpty() && !kind.equals("TokenRequest")) || (!apiVersion.isEmpty() && !apiVersion.equals(API_VERSION))) {
            throw ApiException.badRequest("the body of a serviceaccounts/token request must be a TokenRequest of "
                    + API_VERSION + ", not " + kind + " " + apiVersion);
        }
        ObjectNode out = request.deepCopy();
        out.put("apiVersion", API_VERSION);
        out.put("kind", "TokenRequest");
        ObjectNode spec = out.with("spec");
        long seconds = spec.hasNonNull("expirationSeconds") ? spec.path("expirationSeconds").asLong()
                : DEFAULT_EXPIRATION_SECONDS;
        spec.put("expirationSeconds", seconds);
        if (!spec.path("audiences").isArray() || spec.path("audiences").isEmpty()) {
            ArrayNode audiences = spec.putArray("audiences");
            apiAudiences.forEach(audiences::add);
        }
        validate(name, spec, seconds);

        ObjectNode account = objects.get(serviceAccounts, namespace, name)
                .orElseThrow(() -> ApiException.notFound("", "serviceaccounts", name));
        TokenSigner.BoundObject bound = boundObject(namespace, name, spec);
        List<String> audiences = new ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        ObjectNode metadata = out.with("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.putNull("creationTimestamp");
        if (dryRun) {
            return out;
        }
        TokenSigner.IssuedToken token = signer.bound(new TokenSigner.BoundTokenRequest(namespace, name,
                account.path("metadata").path("uid").asText(), audiences, Duration.ofSeconds(seconds), bound));
        ObjectNode status = out.putObject("status");
        status.put("token", token.token());
        status.put("expirationTimestamp", DateTimeFormatter.ISO_INSTANT.format(token.expiration()));
        return out;
    }

    private static void validate(String name, ObjectNode spec, long seconds) {
        List<StatusCause> causes = new ArrayList<>();
        if (seconds < MIN_EXPIRATION_SECONDS) {
            causes.add(StatusCause.invalid("spec.expirationSeconds", seconds,
                    "may not specify a duration less than 10 minutes"));
        } else if (seconds > MAX_EXPIRATION_SECONDS) {
            causes.add(StatusCause.invalid("spec.expirationSeconds", seconds,
                    "may not specify a duration larger than 2^32 seconds"));
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid("authentication.k8s.io", "TokenRequest", name, causes);
        }
    }

    /** Resolves spec.boundObjectRef to the live object (filling in its uid), or null when there is none. */
    private TokenSigner.BoundObject boundObject(String namespace, String account, ObjectNode spec) {
        JsonNode ref = spec.get("boundObjectRef");
        if (ref == null || ref.isNull()) {
            return null;
        }
        String kind = ref.path("kind").asText("");
        String apiVersion = ref.path("apiVersion").asText("v1");
        String refName = ref.path("name").asText("");
        ResourceType type = !apiVersion.equals("v1") ? null : switch (kind) {
            case "Pod" -> pods;
            case "Secret" -> secrets;
            default -> null;
        };
        if (type == null) {
            throw ApiException.badRequest("cannot bind token for serviceaccount \"" + account
                    + "\" to object of kind \"" + apiVersion + ", Kind=" + kind + "\"");
        }
        ObjectNode live = objects.get(type, namespace, refName)
                .orElseThrow(() -> ApiException.notFound("", type.plural(), refName));
        String uid = live.path("metadata").path("uid").asText();
        String wanted = ref.path("uid").asText("");
        if (!wanted.isEmpty() && !wanted.equals(uid)) {
            throw ApiException.conflict("", type.plural(), refName, "the UID in the bound object reference ("
                    + wanted + ") does not match the UID in record. The object might have been deleted and then "
                    + "recreated");
        }
        ((ObjectNode) ref).put("uid", uid);
        ((ObjectNode) ref).put("apiVersion", apiVersion);
        return new TokenSigner.BoundObject(kind, refName, uid);
    }
}
