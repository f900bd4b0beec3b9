package dev.j8s.agent.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.agent.runtime.RegistryAuth;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Registry credentials of a pod's imagePullSecrets: {@code kubernetes.io/dockerconfigjson} secrets
 * ({@code .dockerconfigjson}: {"auths": {server: {username, password | auth, identitytoken}}}) and the
 * older {@code kubernetes.io/dockercfg} ({@code .dockercfg}: {server: {...}}). Missing secrets are skipped,
 * as the kubelet only warns about them.
 */
final class PullSecrets {

    private PullSecrets() {}

    static List<RegistryAuth> auths(Pod pod, ConfigSource source) {
        List<LocalObjectReference> refs = pod.getSpec().getImagePullSecrets();
        if (refs == null || refs.isEmpty()) {
            return List.of();
        }
        List<RegistryAuth> auths = new ArrayList<>();
        for (LocalObjectReference ref : refs) {
            Secret secret = ref.getName() == null ? null : source.secret(pod.getMetadata().getNamespace(), ref.getName());
            if (secret != null) {
                auths.addAll(parse(secret));
            }
        }
        return auths;
    }

    static List<RegistryAuth> parse(Secret secret) {
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        try {
            if (data.containsKey(".dockerconfigjson")) {
                return entries(read(data.get(".dockerconfigjson")).path("auths"));
            }
            if (data.containsKey(".dockercfg")) {
                return entries(read(data.get(".dockercfg")));
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // An unreadable secret gives no credentials; the pull then fails with the registry's 401.
            return List.of();
        }
        return List.of();
    }

    private static JsonNode read(String base64) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Base64.getDecoder().decode(base64));
    }

    private static List<RegistryAuth> entries(JsonNode auths) {
        List<RegistryAuth> out = new ArrayList<>();
        auths.fields().forEachRemaining(entry -> {
            JsonNode v = entry.getValue();
            String user = v.path("username").asText("");
            String password = v.path("password").asText("");
            String auth = v.path("auth").asText("");
            if (user.isEmpty() && !auth.isEmpty()) {
                String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                user = colon < 0 ? decoded : decoded.substring(0, colon);
                password = colon < 0 ? "" : decoded.substring(colon + 1);
            }
            out.add(new RegistryAuth(entry.getKey(), user, password, v.path("identitytoken").asText("")));
        });
        return out;
    }
}
