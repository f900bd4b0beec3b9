package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Kubernetes' ServiceAccount admission plugin on pod create: {@code spec.serviceAccountName} defaults to
 * {@code default} (and the deprecated {@code spec.serviceAccount} mirrors it); unless the pod or its service account
 * sets {@code automountServiceAccountToken: false}, a projected volume {@code kube-api-access-<5 chars>} (a bound
 * token of 3607 s, the {@code kube-root-ca.crt} ConfigMap's {@code ca.crt}, the namespace) is added and mounted
 * read-only at /var/run/secrets/kubernetes.io/serviceaccount in every init container and container that does not
 * already mount something there.
 *
 * <p>Departure: Kubernetes refuses a pod whose service account does not exist yet ("error looking up service
 * account"); j8s admits it, because its controllers and the hollow-node benchmarks create pods in namespaces whose
 * {@code default} ServiceAccount the service-account controller may not have created yet.
 */
final class ServiceAccountAdmission {

    static final String DEFAULT_SERVICE_ACCOUNT = "default";
    static final String VOLUME_PREFIX = "kube-api-access-";
    static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    /** The projected token's lifetime: 1 h plus 7 s, which marks it as an admission-injected token. */
    static final int TOKEN_EXPIRATION_SECONDS = 3607;
    static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
    private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    /** apimachinery's name generator alphabet: no vowels, no easily confused characters. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final ResourceType serviceAccountType;
    private final ObjectStore objects;
    private final RandomGenerator random;

    ServiceAccountAdmission(ResourceType serviceAccountType, ObjectStore objects, RandomGenerator random) {
        this.serviceAccountType = serviceAccountType;
        this.objects = objects;
        this.random = random;
    }

    void admit(ResourceType type, ObjectNode pod) {
        if (!type.group().isEmpty() || !type.plural().equals("pods")
                || pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION)) {
            return;
        }
        ObjectNode spec = pod.with("spec");
        String name = spec.path("serviceAccountName").asText("");
        if (name.isEmpty()) {
            name = spec.path("serviceAccount").asText("");
        }
        if (name.isEmpty()) {
            name = DEFAULT_SERVICE_ACCOUNT;
        }
        spec.put("serviceAccountName", name);
        spec.put("serviceAccount", name);
        if (automount(spec, pod.path("metadata").path("namespace").asText(""), name)) {
            mountToken(spec);
        }
    }

    /** The pod's own setting wins; else the service account's; else true. */
    private boolean automount(ObjectNode spec, String namespace, String name) {
        JsonNode podSetting = spec.get("automountServiceAccountToken");
        if (podSetting != null && podSetting.isBoolean()) {
            return podSetting.asBoolean();
        }
        Optional<ObjectNode> account = namespace.isEmpty() ? Optional.empty()
                : objects.get(serviceAccountType, namespace, name);
        return account.map(a -> a.path("automountServiceAccountToken").asBoolean(true)).orElse(true);
    }

    private void mountToken(ObjectNode spec) {
        String volumeName = null;
        for (JsonNode volume : spec.path("volumes")) {
            if (volume.path("name").asText("").startsWith(VOLUME_PREFIX)) {
                volumeName = volume.path("name").asText();
                break;
            }
        }
        boolean hasVolume = volumeName != null;
        if (!hasVolume) {
            volumeName = VOLUME_PREFIX + randomSuffix();
        }
        boolean needed = mountInto(spec.path("initContainers"), volumeName)
                | mountInto(spec.path("containers"), volumeName);
        if (needed && !hasVolume) {
            JsonNode volumes = spec.get("volumes");
            ArrayNode list = volumes instanceof ArrayNode array ? array : spec.putArray("volumes");
            list.add(projectedVolume(volumeName));
        }
    }

    /** Adds the mount to every container without one at the mount path; true when any got it. */
    private static boolean mountInto(JsonNode containers, String volumeName) {
        boolean mounted = false;
        for (JsonNode c : containers) {
            if (!(c instanceof ObjectNode container)) {
                continue;
            }
            boolean taken = false;
            for (JsonNode m : container.path("volumeMounts")) {
                taken |= MOUNT_PATH.equals(m.path("mountPath").asText());
            }
            if (taken) {
                continue;
            }
            JsonNode mounts = container.get("volumeMounts");
            ArrayNode list = mounts instanceof ArrayNode array ? array : container.putArray("volumeMounts");
            ObjectNode mount = list.addObject();
            mount.put("name", volumeName);
            mount.put("readOnly", true);
            mount.put("mountPath", MOUNT_PATH);
            mounted = true;
        }
        return mounted;
    }

    private static ObjectNode projectedVolume(String name) {
        ObjectNode volume = dev.j8s.api.Json.object();
        volume.put("name", name);
        ObjectNode projected = volume.putObject("projected");
        ArrayNode sources = projected.putArray("sources");
        ObjectNode token = sources.addObject().putObject("serviceAccountToken");
        token.put("expirationSeconds", TOKEN_EXPIRATION_SECONDS);
        token.put("path", "token");
        ObjectNode configMap = sources.addObject().putObject("configMap");
        configMap.put("name", ROOT_CA_CONFIG_MAP);
        ObjectNode item = configMap.putArray("items").addObject();
        item.put("key", "ca.crt");
        item.put("path", "ca.crt");
        ObjectNode namespace = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
        namespace.put("path", "namespace");
        ObjectNode fieldRef = namespace.putObject("fieldRef");
        fieldRef.put("apiVersion", "v1");
        fieldRef.put("fieldPath", "metadata.namespace");
        projected.put("defaultMode", 420);
        return volume;
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
