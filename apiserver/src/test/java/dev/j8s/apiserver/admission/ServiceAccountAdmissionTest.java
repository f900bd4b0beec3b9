package dev.j8s.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.store.memory.MemoryStore;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ServiceAccount admission plugin's changes to new pods. */
class ServiceAccountAdmissionTest {

    private static final String MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

    private final ResourceRegistry registry = ResourceRegistry.withBuiltins();
    private final MemoryStore store = new MemoryStore();
    private final ObjectStore objects = new ObjectStore(store);
    private final ResourceType pods = registry.byResource("", "v1", "pods").orElseThrow();
    private final ResourceType serviceAccounts = registry.byResource("", "v1", "serviceaccounts").orElseThrow();
    private final ServiceAccountAdmission admission = new ServiceAccountAdmission(serviceAccounts, objects,
            new Random(7));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void podGetsDefaultServiceAccountAndTheApiAccessVolumeAsKubernetesInjectsIt() throws Exception {
        ObjectNode pod = pod("""
                {"containers":[{"name":"app","image":"busybox"}],
                 "initContainers":[{"name":"init","image":"busybox","volumeMounts":[{"name":"data","mountPath":"/d"}]}],
                 "volumes":[{"name":"data","emptyDir":{}}]}""");
        admission.admit(pods, pod);
        JsonNode spec = pod.path("spec");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
        assertThat(spec.path("serviceAccount").asText()).isEqualTo("default");
        JsonNode volume = spec.path("volumes").get(1);
        String name = volume.path("name").asText();
        assertThat(name).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(volume.path("projected")).isEqualTo(Json.MAPPER.readTree("""
                {"sources":[
                  {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
                  {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
                  {"downwardAPI":{"items":[{"path":"namespace",
                     "fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],
                 "defaultMode":420}"""));
        String mount = "{\"name\":\"" + name + "\",\"readOnly\":true,\"mountPath\":\"" + MOUNT + "\"}";
        assertThat(spec.at("/containers/0/volumeMounts")).isEqualTo(Json.MAPPER.readTree("[" + mount + "]"));
        assertThat(spec.at("/initContainers/0/volumeMounts/1")).isEqualTo(Json.MAPPER.readTree(mount));
    }

    static Stream<Arguments> noVolumeCases() {
        return Stream.of(
                Arguments.of("the pod opts out", "\"automountServiceAccountToken\":false,", "default", null),
                Arguments.of("its service account opts out", "\"serviceAccountName\":\"quiet\",", "quiet", false),
                Arguments.of("every container mounts something there already",
                        "\"volumes\":[{\"name\":\"own\",\"emptyDir\":{}}],", "default", null));
    }

    @ParameterizedTest(name = "no token volume when {0}")
    @MethodSource("noVolumeCases")
    void noTokenVolume(String description, String specExtra, String account, Boolean accountAutomount)
            throws Exception {
        if (accountAutomount != null) {
            ObjectNode sa = Json.object();
            sa.putObject("metadata").put("name", account).put("namespace", "ns");
            sa.put("automountServiceAccountToken", accountAutomount);
            objects.create(serviceAccounts, sa);
        }
        String mounts = description.startsWith("every")
                ? ",\"volumeMounts\":[{\"name\":\"own\",\"mountPath\":\"" + MOUNT + "\"}]" : "";
        ObjectNode pod = pod("{" + specExtra + "\"containers\":[{\"name\":\"app\",\"image\":\"busybox\"" + mounts + "}]}");
        admission.admit(pods, pod);
        assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo(account);
        assertThat(pod.at("/spec/volumes").findValues("projected")).isEmpty();
    }

    @Test
    void podsWhoseServiceAccountDoesNotExistYetAreAdmitted() throws Exception {
        ObjectNode pod = pod("{\"serviceAccountName\":\"later\",\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}");
        admission.admit(pods, pod);
        assertThat(pod.at("/spec/volumes/0/name").asText()).startsWith("kube-api-access-");
    }

    @Test
    void anExistingApiAccessVolumeIsReused() throws Exception {
        ObjectNode pod = pod("""
                {"volumes":[{"name":"kube-api-access-abcde","projected":{"sources":[]}}],
                 "containers":[{"name":"a","image":"b"}]}""");
        admission.admit(pods, pod);
        assertThat(pod.at("/spec/volumes").size()).isEqualTo(1);
        assertThat(pod.at("/spec/containers/0/volumeMounts/0/name").asText()).isEqualTo("kube-api-access-abcde");
    }

    @Test
    void mirrorPodsAndOtherKindsAreLeftAlone() throws Exception {
        ObjectNode mirror = pod("{\"containers\":[{\"name\":\"a\",\"image\":\"b\"}]}");
        mirror.with("metadata").putObject("annotations").put("kubernetes.io/config.mirror", "x");
        admission.admit(pods, mirror);
        assertThat(mirror.at("/spec/serviceAccountName").isMissingNode()).isTrue();
        ObjectNode configMap = Json.object();
        admission.admit(registry.byResource("", "v1", "configmaps").orElseThrow(), configMap);
        assertThat(configMap.isEmpty()).isTrue();
    }

    private static ObjectNode pod(String spec) throws Exception {
        ObjectNode pod = Json.object();
        pod.putObject("metadata").put("name", "p").put("namespace", "ns");
        pod.set("spec", Json.MAPPER.readTree(spec));
        return pod;
    }
}
