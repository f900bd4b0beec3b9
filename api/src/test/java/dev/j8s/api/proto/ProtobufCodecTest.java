package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.j8s.api.Json;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messages built with the generated builders, zero-valued fields set as Go's marshaller writes them. */
class ProtobufCodecTest {

    /** What Go writes for an ObjectMeta with only a name: every non-pointer field, zero or not. */
    private static Meta.ObjectMeta.Builder meta(String name) {
        return Meta.ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace("").setSelfLink("")
                .setUid("").setResourceVersion("").setGeneration(0)
                .setCreationTimestamp(Meta.Time.getDefaultInstance());
    }

    private static IntOrString intOrString(int value) {
        return IntOrString.newBuilder().setType(0).setIntVal(value).setStrVal("").build();
    }

    private static IntOrString intOrString(String value) {
        return IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal(value).build();
    }

    private static Quantity quantity(String value) {
        return Quantity.newBuilder().setString(value).build();
    }

    @Test
    void configMap() throws IOException {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder().setMetadata(meta("settings").putLabels("app", "web"))
                .putData("b", "2").putData("a", "").putBinaryData("blob", ByteString.copyFrom(new byte[] {0, 1, 2}))
                .build();
        assertDecodes(ProtoBodies.wrap("v1", "ConfigMap", configMap), """
                {"kind":"ConfigMap","apiVersion":"v1",
                 "metadata":{"name":"settings","creationTimestamp":null,"labels":{"app":"web"}},
                 "data":{"a":"","b":"2"},"binaryData":{"blob":"AAEC"}}""");
    }

    @Test
    void secretWithBinaryDataIsBase64AsInJson() throws IOException {
        byte[] binary = {(byte) 0xff, 0, (byte) 0x80, 'k', '8', 's', 0};
        V1.Secret secret = V1.Secret.newBuilder().setMetadata(meta("tls").setNamespace("prod"))
                .putData("key", ByteString.copyFrom(binary)).putStringData("plain", "text").setType("Opaque")
                .setImmutable(false).build();
        assertDecodes(ProtoBodies.wrap("v1", "Secret", secret), """
                {"kind":"Secret","apiVersion":"v1",
                 "metadata":{"name":"tls","namespace":"prod","creationTimestamp":null},
                 "immutable":false,"data":{"key":"/wCAazhzAA=="},"stringData":{"plain":"text"},"type":"Opaque"}""");
    }

    @Test
    void deploymentWithIntOrStringAndQuantities() throws IOException {
        V1.Container container = V1.Container.newBuilder().setName("web").setImage("nginx").setWorkingDir("")
                .setTerminationMessagePath("").setImagePullPolicy("").setStdin(false).setTty(false)
                .setResources(V1.ResourceRequirements.newBuilder()
                        .putRequests("cpu", quantity("250m")).putRequests("memory", quantity("64Mi"))
                        .putLimits("memory", quantity("1Gi")))
                .addPorts(V1.ContainerPort.newBuilder().setName("").setContainerPort(80).setProtocol("TCP")
                        .setHostPort(0).setHostIP(""))
                .build();
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(meta("web").putLabels("app", "web").putAnnotations("note", ""))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(3).setMinReadySeconds(0).setPaused(false)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(meta("").putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setRestartPolicy("")
                                        .setDnsPolicy("").setHostNetwork(false).setServiceAccountName("")))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxSurge(intOrString("25%")).setMaxUnavailable(intOrString(1)))))
                .setStatus(V1Apps.DeploymentStatus.newBuilder().setReplicas(0).setObservedGeneration(0))
                .build();
        assertDecodes(ProtoBodies.wrap("apps/v1", "Deployment", deployment), """
                {"kind":"Deployment","apiVersion":"apps/v1",
                 "metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"},"annotations":{"note":""}},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"web","image":"nginx",
                       "ports":[{"containerPort":80,"protocol":"TCP"}],
                       "resources":{"limits":{"memory":"1Gi"},"requests":{"cpu":"250m","memory":"64Mi"}}}]}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}},
                 "status":{}}""");
    }

    @Test
    void deploymentKeepsReplicasZeroBecauseTheGoFieldIsAPointer() throws IOException {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder().setMetadata(meta("idle"))
                .setSpec(V1Apps.DeploymentSpec.newBuilder().setReplicas(0).setRevisionHistoryLimit(0)).build();
        assertDecodes(ProtoBodies.wrap("apps/v1", "Deployment", deployment), """
                {"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"idle","creationTimestamp":null},
                 "spec":{"replicas":0,"revisionHistoryLimit":0}}""");
    }

    @Test
    void serviceTargetPortIsIntOrString() throws IOException {
        V1.Service service = V1.Service.newBuilder().setMetadata(meta("web"))
                .setSpec(V1.ServiceSpec.newBuilder().setType("ClusterIP").setClusterIP("")
                        .putSelector("app", "web")
                        .addPorts(V1.ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
                                .setTargetPort(intOrString(8080)).setNodePort(0))
                        .addPorts(V1.ServicePort.newBuilder().setName("https").setProtocol("TCP").setPort(443)
                                .setTargetPort(intOrString("https")).setNodePort(0)))
                .setStatus(V1.ServiceStatus.newBuilder().setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance()))
                .build();
        assertDecodes(ProtoBodies.wrap("v1", "Service", service), """
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":null},
                 "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},
                                  {"name":"https","protocol":"TCP","port":443,"targetPort":"https"}],
                         "selector":{"app":"web"},"type":"ClusterIP"},
                 "status":{"loadBalancer":{}}}""");
    }

    @Test
    void jobWithInlineEmbeddedStructsAndPointerZeroes() throws IOException {
        V1.Container container = V1.Container.newBuilder().setName("main").setImage("busybox")
                .addCommand("sh").addCommand("-c").addCommand("")
                .addEnvFrom(V1.EnvFromSource.newBuilder().setPrefix("")
                        .setConfigMapRef(V1.ConfigMapEnvSource.newBuilder()
                                .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("cfg"))
                                .setOptional(false)))
                .setReadinessProbe(V1.Probe.newBuilder().setPeriodSeconds(5).setTimeoutSeconds(0)
                        .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder()
                                .setPath("/healthz").setPort(intOrString("http")).setHost("").setScheme("HTTP"))))
                .build();
        V1.Volume volume = V1.Volume.newBuilder().setName("config")
                .setVolumeSource(V1.VolumeSource.newBuilder().setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("cfg"))
                        .setDefaultMode(420)))
                .build();
        V1Batch.Job job = V1Batch.Job.newBuilder().setMetadata(meta("once"))
                .setSpec(V1Batch.JobSpec.newBuilder().setBackoffLimit(0).setParallelism(1)
                        .setTemplate(V1.PodTemplateSpec.newBuilder().setMetadata(meta(""))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(container).addVolumes(volume)
                                        .setRestartPolicy("Never").setTerminationGracePeriodSeconds(0))))
                .build();
        assertDecodes(ProtoBodies.wrap("batch/v1", "Job", job), """
                {"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"once","creationTimestamp":null},
                 "spec":{"parallelism":1,"backoffLimit":0,
                   "template":{"metadata":{"creationTimestamp":null},
                     "spec":{"volumes":[{"name":"config","configMap":{"name":"cfg","defaultMode":420}}],
                       "containers":[{"name":"main","image":"busybox","command":["sh","-c",""],
                         "envFrom":[{"configMapRef":{"name":"cfg","optional":false}}],
                         "readinessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},
                                           "periodSeconds":5}}],
                       "restartPolicy":"Never","terminationGracePeriodSeconds":0}}}}""");
    }

    @Test
    void ingressRuleValueIsInline() throws IOException {
        V1Networking.HTTPIngressPath path = V1Networking.HTTPIngressPath.newBuilder().setPath("/api")
                .setPathType("Prefix").setBackend(V1Networking.IngressBackend.newBuilder()
                        .setService(V1Networking.IngressServiceBackend.newBuilder().setName("api")
                                .setPort(V1Networking.ServiceBackendPort.newBuilder().setName("").setNumber(8080))))
                .build();
        V1Networking.Ingress ingress = V1Networking.Ingress.newBuilder().setMetadata(meta("web"))
                .setSpec(V1Networking.IngressSpec.newBuilder().setIngressClassName("nginx")
                        .addRules(V1Networking.IngressRule.newBuilder().setHost("example.com")
                                .setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder()
                                        .setHttp(V1Networking.HTTPIngressRuleValue.newBuilder().addPaths(path))))
                        .addTls(V1Networking.IngressTLS.newBuilder().addHosts("example.com").setSecretName("cert")))
                .build();
        assertDecodes(ProtoBodies.wrap("networking.k8s.io/v1", "Ingress", ingress), """
                {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web","creationTimestamp":null},
                 "spec":{"ingressClassName":"nginx","tls":[{"hosts":["example.com"],"secretName":"cert"}],
                   "rules":[{"host":"example.com","http":{"paths":[{"path":"/api","pathType":"Prefix",
                     "backend":{"service":{"name":"api","port":{"number":8080}}}}]}}]}}""");
    }

    @Test
    void namespaceWithTimesAndManagedFields() throws IOException {
        V1.Namespace namespace = V1.Namespace.newBuilder()
                .setMetadata(meta("team-a")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_000L).setNanos(999))
                        .setDeletionTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_060L))
                        .addManagedFields(Meta.ManagedFieldsEntry.newBuilder().setManager("kubectl")
                                .setOperation("Update").setApiVersion("v1").setFieldsType("FieldsV1")
                                .setTime(Meta.Time.newBuilder().setSeconds(1_700_000_000L))
                                .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(
                                        ByteString.copyFromUtf8("{\"f:metadata\":{\"f:labels\":{}}}")))))
                .setSpec(V1.NamespaceSpec.newBuilder().addFinalizers("kubernetes"))
                .setStatus(V1.NamespaceStatus.newBuilder().setPhase("Active"))
                .build();
        assertDecodes(ProtoBodies.wrap("v1", "Namespace", namespace), """
                {"kind":"Namespace","apiVersion":"v1",
                 "metadata":{"name":"team-a","creationTimestamp":"2023-11-14T22:13:20Z",
                   "deletionTimestamp":"2023-11-14T22:14:20Z",
                   "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1",
                     "time":"2023-11-14T22:13:20Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{}}}}]},
                 "spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}}""");
    }

    @Test
    void eventMicroTime() throws IOException {
        V1.Event event = V1.Event.newBuilder().setMetadata(meta("e1"))
                .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1_700_000_000L).setNanos(123_456_789))
                .setCount(0).setReason("Started").build();
        assertDecodes(ProtoBodies.wrap("v1", "Event", event), """
                {"kind":"Event","apiVersion":"v1","metadata":{"name":"e1","creationTimestamp":null},
                 "reason":"Started","eventTime":"2023-11-14T22:13:20.123456Z"}""");
    }

    @Test
    void rawExtensionEmbedsJsonAndNestedProtobuf() throws IOException {
        V1Apps.ControllerRevision json = V1Apps.ControllerRevision.newBuilder().setMetadata(meta("rev"))
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"x\":[1,2]}}")))
                .setRevision(2).build();
        assertDecodes(ProtoBodies.wrap("apps/v1", "ControllerRevision", json), """
                {"kind":"ControllerRevision","apiVersion":"apps/v1","metadata":{"name":"rev","creationTimestamp":null},
                 "data":{"spec":{"x":[1,2]}},"revision":2}""");

        byte[] nested = ProtoBodies.wrap("v1", "ConfigMap", V1.ConfigMap.newBuilder().setMetadata(meta("inner")).build());
        V1Apps.ControllerRevision proto = json.toBuilder()
                .setData(RawExtension.newBuilder().setRaw(ByteString.copyFrom(nested))).build();
        assertThat(ProtobufCodec.decode(ProtoBodies.wrap("apps/v1", "ControllerRevision", proto)).path("data"))
                .isEqualTo(Json.parse("""
                        {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"inner","creationTimestamp":null}}"""
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void selfSubjectAccessReviewAndExtraValueLists() throws IOException {
        V1Authorization.SubjectAccessReview review = V1Authorization.SubjectAccessReview.newBuilder()
                .setMetadata(meta(""))
                .setSpec(V1Authorization.SubjectAccessReviewSpec.newBuilder().setUser("alice").addGroups("dev")
                        .putExtra("scopes", V1Authorization.ExtraValue.newBuilder().addItems("a").addItems("b").build())
                        .setResourceAttributes(V1Authorization.ResourceAttributes.newBuilder().setVerb("get")
                                .setResource("pods").setNamespace("").setGroup("")))
                .setStatus(V1Authorization.SubjectAccessReviewStatus.newBuilder().setAllowed(false))
                .build();
        assertDecodes(ProtoBodies.wrap("authorization.k8s.io/v1", "SubjectAccessReview", review), """
                {"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "metadata":{"creationTimestamp":null},
                 "spec":{"resourceAttributes":{"verb":"get","resource":"pods"},"user":"alice","groups":["dev"],
                         "extra":{"scopes":["a","b"]}},
                 "status":{"allowed":false}}""");
    }

    @Test
    void encodeIsTheInverseOfDecode() throws IOException {
        JsonNode deployment = Json.parse("""
                {"kind":"Deployment","apiVersion":"apps/v1",
                 "metadata":{"name":"web","namespace":"prod","creationTimestamp":"2024-02-29T12:00:00Z",
                   "labels":{"app":"web"},"resourceVersion":"42"},
                 "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
                   "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                     "spec":{"volumes":[{"name":"c","secret":{"secretName":"s","defaultMode":256}}],
                       "containers":[{"name":"web","image":"nginx",
                       "envFrom":[{"secretRef":{"name":"creds"}}],
                       "resources":{"limits":{"cpu":"1"}},
                       "livenessProbe":{"tcpSocket":{"port":8080},"initialDelaySeconds":3}}]}},
                   "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"10%","maxSurge":2}}},
                 "status":{}}""".getBytes(StandardCharsets.UTF_8));
        byte[] body = ProtobufCodec.encode((com.fasterxml.jackson.databind.node.ObjectNode) deployment);
        assertThat(body).startsWith('k', '8', 's', 0);
        assertThat(ProtobufCodec.decode(body)).isEqualTo(deployment);
    }

    @Test
    void supportsTheKindsKubectlCreates() {
        assertThat(ProtobufCodec.supports("v1", "ConfigMap")).isTrue();
        assertThat(ProtobufCodec.supports("v1", "Status")).isTrue();
        assertThat(ProtobufCodec.supports("autoscaling/v2", "HorizontalPodAutoscaler")).isTrue();
        assertThat(ProtobufCodec.supports("authorization.k8s.io/v1", "SelfSubjectAccessReview")).isTrue();
        assertThat(ProtobufCodec.supports("v1", "PodSpec")).as("not a kind").isFalse();
        assertThat(ProtobufCodec.supports("example.com/v1", "Widget")).isFalse();
    }

    private static void assertDecodes(byte[] body, String expectedJson) throws IOException {
        assertThat(ProtobufCodec.decode(body)).isEqualTo(Json.parse(expectedJson.getBytes(StandardCharsets.UTF_8)));
    }
}
