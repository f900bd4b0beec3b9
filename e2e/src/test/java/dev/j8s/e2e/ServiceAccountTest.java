package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * ServiceAccounts as kubectl users meet them: every namespace gets its {@code default} ServiceAccount and the
 * {@code kube-root-ca.crt} ConfigMap, {@code kubectl create token} issues JWTs that authenticate as the service
 * account until it is deleted, legacy token Secrets get filled, and pods get the API access volume.
 */
class ServiceAccountTest extends ServerPerClass {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void newNamespaceGetsDefaultServiceAccountAndRootCa() throws Exception {
        kubectl.run("create", "namespace", "fresh").assertOk();
        await().atMost(WAIT).until(() -> kubectl.run("get", "serviceaccount", "default", "-n", "fresh").exitCode() == 0);
        await().atMost(WAIT).until(() -> kubectl.run("get", "configmap", "kube-root-ca.crt", "-n", "fresh")
                .exitCode() == 0);
        String ca = kubectl.run("get", "configmap", "kube-root-ca.crt", "-n", "fresh", "-o",
                "jsonpath={.data.ca\\.crt}").assertOk().out();
        assertThat(ca.strip()).isEqualTo(clusterCaPem().strip());

        // Deleted, it comes back.
        kubectl.run("delete", "serviceaccount", "default", "-n", "fresh").assertOk();
        await().atMost(WAIT).until(() -> kubectl.run("get", "serviceaccount", "default", "-n", "fresh").exitCode() == 0);
    }

    @Test
    void createdTokenAuthenticatesAsTheServiceAccountUntilItIsDeleted() throws Exception {
        kubectl.run("create", "namespace", "robots").assertOk();
        kubectl.run("create", "serviceaccount", "builder", "-n", "robots").assertOk();
        kubectl.run("run", "idle", "--image=busybox", "-n", "robots").assertOk();
        String token = kubectl.run("create", "token", "builder", "-n", "robots").assertOk().out().strip();
        assertThat(token.split("\\.")).hasSize(3);
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"sub\":\"system:serviceaccount:robots:builder\"");

        Kubectl asRobot = new Kubectl(Kubectl.pinned(), tokenOnlyKubeconfig("robot"));
        assertThat(asRobot.run("--token=" + token, "get", "pods", "-n", "robots").assertOk().out()).contains("idle");
        String whoami = asRobot.run("--token=" + token, "auth", "whoami").assertOk().out();
        assertThat(whoami).containsPattern("Username\\s+system:serviceaccount:robots:builder")
                .contains("system:serviceaccounts:robots").contains("system:authenticated");

        kubectl.run("delete", "serviceaccount", "builder", "-n", "robots").assertOk();
        Kubectl.Result refused = asRobot.run("--token=" + token, "get", "pods", "-n", "robots").assertFails();
        assertThat(refused.err()).contains("Unauthorized");
    }

    @Test
    void defaultServiceAccountTokenWorksWithKubectl() throws Exception {
        await().atMost(WAIT).until(() -> kubectl.run("get", "serviceaccount", "default").exitCode() == 0);
        String token = kubectl.run("create", "token", "default").assertOk().out().strip();
        Kubectl asDefault = new Kubectl(Kubectl.pinned(), tokenOnlyKubeconfig("default-sa"));
        asDefault.run("--token=" + token, "get", "pods").assertOk();
        assertThat(asDefault.run("--token=" + token, "auth", "whoami").assertOk().out())
                .containsPattern("Username\\s+system:serviceaccount:default:default");
        // A token bound to a pod dies with the pod.
        kubectl.run("run", "holder", "--image=busybox").assertOk();
        String bound = kubectl.run("create", "token", "default", "--bound-object-kind=Pod",
                "--bound-object-name=holder").assertOk().out().strip();
        asDefault.run("--token=" + bound, "get", "pods").assertOk();
        kubectl.run("delete", "pod", "holder", "--grace-period=0", "--force").assertOk();
        assertThat(asDefault.run("--token=" + bound, "get", "pods").assertFails().err()).contains("Unauthorized");
    }

    @Test
    void legacyTokenSecretGetsItsTokenFilled() throws Exception {
        kubectl.run("create", "namespace", "legacy").assertOk();
        kubectl.run("create", "serviceaccount", "old-style", "-n", "legacy").assertOk();
        kubectl.runWithInput("""
                apiVersion: v1
                kind: Secret
                metadata:
                  name: old-style-token
                  namespace: legacy
                  annotations:
                    kubernetes.io/service-account.name: old-style
                type: kubernetes.io/service-account-token
                """, "apply", "-f", "-").assertOk();
        await().atMost(WAIT).until(() -> !kubectl.run("get", "secret", "old-style-token", "-n", "legacy", "-o",
                "jsonpath={.data.token}").out().isEmpty());
        String token = new String(Base64.getDecoder().decode(kubectl.run("get", "secret", "old-style-token", "-n",
                "legacy", "-o", "jsonpath={.data.token}").assertOk().out()), StandardCharsets.UTF_8);
        assertThat(kubectl.run("get", "secret", "old-style-token", "-n", "legacy", "-o",
                "jsonpath={.data.namespace}").out()).isEqualTo(Base64.getEncoder().encodeToString(
                        "legacy".getBytes(StandardCharsets.UTF_8)));
        Kubectl asLegacy = new Kubectl(Kubectl.pinned(), tokenOnlyKubeconfig("legacy"));
        assertThat(asLegacy.run("--token=" + token, "auth", "whoami").assertOk().out())
                .containsPattern("Username\\s+system:serviceaccount:legacy:old-style");
        kubectl.run("describe", "secret", "old-style-token", "-n", "legacy").assertOk();
    }

    @Test
    void podsGetTheServiceAccountAndItsApiAccessVolume() {
        kubectl.run("create", "namespace", "mounts").assertOk();
        kubectl.run("run", "web", "--image=nginx", "-n", "mounts").assertOk();
        String spec = kubectl.run("get", "pod", "web", "-n", "mounts", "-o",
                "jsonpath={.spec.serviceAccountName} {.spec.volumes[0].name} "
                        + "{.spec.containers[0].volumeMounts[0].mountPath} "
                        + "{.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds}")
                .assertOk().out();
        assertThat(spec).matches("default kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5} "
                + "/var/run/secrets/kubernetes.io/serviceaccount 3607");
        String described = kubectl.run("describe", "pod", "web", "-n", "mounts").assertOk().out();
        assertThat(described).containsPattern("Service Account:\\s+default")
                .containsPattern("/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-\\w{5} \\(ro\\)")
                .containsPattern("Type:\\s+Projected \\(a volume that contains injected data from multiple sources\\)")
                .containsPattern("TokenExpirationSeconds:\\s+3607")
                .containsPattern("ConfigMapName:\\s+kube-root-ca.crt")
                .containsPattern("DownwardAPI:\\s+true");

        kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: no-token
                  namespace: mounts
                spec:
                  automountServiceAccountToken: false
                  containers:
                  - name: c
                    image: busybox
                """, "apply", "-f", "-").assertOk();
        assertThat(kubectl.run("get", "pod", "no-token", "-n", "mounts", "-o", "jsonpath={.spec.volumes}")
                .assertOk().out()).isEmpty();
    }

    private static String clusterCaPem() throws Exception {
        return new String(Base64.getDecoder().decode(field("certificate-authority-data")), StandardCharsets.UTF_8);
    }

    /** A kubeconfig with the server and its CA but no credentials of its own. */
    private static Path tokenOnlyKubeconfig(String name) throws Exception {
        Path file = dir.resolve(name).resolve("kubeconfig.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: j8s
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: robot
                  user: {}
                contexts:
                - name: robot
                  context: {cluster: j8s, user: robot}
                current-context: robot
                """.formatted(field("server"), field("certificate-authority-data")));
        return file;
    }

    private static String field(String name) throws Exception {
        String admin = Files.readString(server.kubeconfig());
        Matcher m = Pattern.compile("(?m)^\\s*\"?" + Pattern.quote(name) + "\"?\\s*:\\s*\"?([^\"\\s]+)\"?").matcher(admin);
        if (!m.find()) {
            throw new AssertionError(name + " not in " + server.kubeconfig());
        }
        return m.group(1);
    }
}
