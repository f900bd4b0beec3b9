package dev.j8s.agent.kubelet;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authentication.BoundObjectReference;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bound service-account tokens for projected volumes, as the kubelet's token manager gets them: a
 * TokenRequest ({@code serviceaccounts/token}) bound to the pod, kept until 80 % of its lifetime has
 * passed (or 24 h), then requested again on the next sync, which rewrites the file.
 */
final class ServiceAccountTokens {

    private static final Duration MAX_AGE = Duration.ofHours(24);

    private record Key(String podUid, String audience, long expirationSeconds) {}

    private record Cached(String token, Instant refreshAt) {}

    private final ResourceClient<ServiceAccount> accounts;
    private final Clock clock;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    ServiceAccountTokens(ResourceClient<ServiceAccount> accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    String token(Pod pod, String audience, long expirationSeconds) throws ContainerConfigException {
        Key key = new Key(pod.getMetadata().getUid(), audience, expirationSeconds);
        Instant now = clock.instant();
        // Entries due for renewal go, so tokens of pods that are gone do not pile up.
        cache.values().removeIf(c -> !now.isBefore(c.refreshAt()));
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return cached.token();
        }
        String account = pod.getSpec().getServiceAccountName() == null || pod.getSpec().getServiceAccountName().isEmpty()
                ? "default" : pod.getSpec().getServiceAccountName();
        TokenRequest request = new TokenRequest();
        TokenRequestSpec spec = new TokenRequestSpec();
        spec.setAudiences(audience == null || audience.isEmpty() ? List.of() : List.of(audience));
        spec.setExpirationSeconds(expirationSeconds);
        spec.setBoundObjectRef(new BoundObjectReference("v1", "Pod", pod.getMetadata().getName(),
                pod.getMetadata().getUid()));
        request.setSpec(spec);
        try {
            TokenRequest answer = accounts.createSubresource(pod.getMetadata().getNamespace(), account, "token", request,
                    TokenRequest.class);
            Duration lifetime = Duration.ofSeconds(expirationSeconds);
            Duration refreshAfter = lifetime.multipliedBy(8).dividedBy(10);
            cache.put(key, new Cached(answer.getStatus().getToken(),
                    now.plus(refreshAfter.compareTo(MAX_AGE) < 0 ? refreshAfter : MAX_AGE)));
            return answer.getStatus().getToken();
        } catch (ApiStatusException e) {
            // The kubelet's own wording when the token cannot be fetched (the pod waits and retries).
            throw new ContainerConfigException("failed to fetch token: " + e.getMessage());
        }
    }
}
