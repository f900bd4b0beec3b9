package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The everyday kubectl workflow against a real j8s server, with the pinned kubectl 1.32. */
class KubectlWorkflowTest extends ServerPerClass {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void versionAndDiscovery() {
        assertThat(kubectl.run("version").assertOk().out()).contains("Server Version: v1.32");
        String resources = kubectl.run("api-resources").assertOk().out();
        assertThat(resources).containsPattern("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment");
        assertThat(resources).containsPattern("namespaces\\s+ns\\s+v1\\s+false\\s+Namespace");
        assertThat(kubectl.run("api-versions").assertOk().out()).contains("apps/v1", "batch/v1",
                "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "autoscaling/v2");
        assertThat(kubectl.run("get", "ns").assertOk().out())
                .contains("default", "kube-system", "kube-public", "kube-node-lease");
        assertThat(kubectl.run("auth", "can-i", "create", "deployments", "-n", "kube-system").assertOk().out().trim())
                .isEqualTo("yes");
    }

    @Test
    void installedKubectlDispatcherWorks() {
        Kubectl installed = new Kubectl(Kubectl.installed(), server.kubeconfig());
        assertThat(installed.run("version").assertOk().out()).contains("Server Version: v1.32");
        assertThat(installed.run("get", "ns", "default", "-o", "name").assertOk().out().trim())
                .isEqualTo("namespace/default");
    }

    @Test
    void explainPrintsFieldDescriptions() {
        String out = kubectl.run("explain", "deployment.spec.strategy").assertOk().out();
        assertThat(out).contains("KIND:", "Deployment", "FIELD: strategy", "DESCRIPTION:", "rollingUpdate");
    }

    @Test
    void imperativeCreateCommands() throws Exception {
        kubectl.run("create", "namespace", "imperative").assertOk();
        String ns = "--namespace=imperative";
        kubectl.run("create", "deployment", "web", "--image=registry.local/echo:v1", "--replicas=2", ns).assertOk();
        kubectl.run("create", "configmap", "settings", "--from-literal=color=blue", ns).assertOk();
        kubectl.run("create", "secret", "generic", "creds", "--from-literal=password=s3cret", ns).assertOk();
        kubectl.run("create", "service", "clusterip", "web", "--tcp=80:8080", ns).assertOk();
        kubectl.run("create", "job", "once", "--image=registry.local/busybox", ns, "--", "echo", "hi").assertOk();
        kubectl.run("create", "ingress", "web", "--rule=web.example/=web:80", ns).assertOk();

        JsonNode deploy = json("get", "deployment", "web", ns, "-o", "json");
        assertThat(deploy.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(deploy.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(deploy.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(deploy.at("/metadata/uid").asText()).isNotEmpty();
        assertThat(json("get", "secret", "creds", ns, "-o", "json").at("/data/password").asText())
                .isEqualTo("czNjcmV0");
        assertThat(json("get", "service", "web", ns, "-o", "json").at("/spec/ports/0/targetPort").asInt())
                .isEqualTo(8080);
        JsonNode job = json("get", "job", "once", ns, "-o", "json");
        assertThat(job.at("/spec/template/spec/containers/0/command/0").asText()).isEqualTo("echo");
        assertThat(job.at("/spec/selector/matchLabels").toString()).contains("controller-uid");
        assertThat(json("get", "ingress", "web", ns, "-o", "json").at("/spec/rules/0/host").asText())
                .isEqualTo("web.example");

        String all = kubectl.run("get", "all", ns).assertOk().out();
        assertThat(all).contains("deployment.apps/web", "service/web", "job.batch/once");
        kubectl.run("create", "configmap", "settings", "--from-literal=color=red", ns).assertFails();
        assertThat(kubectl.run("create", "configmap", "x", "--from-literal=a=b", "--namespace=missing").err())
                .contains("namespaces \"missing\" not found");
    }

    @Test
    void applyReapplyAndDiff() throws Exception {
        kubectl.run("create", "namespace", "applied").assertOk();
        Path manifest = dir.resolve("app.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app-config
                  namespace: applied
                  labels: {app: demo, tier: backend}
                data:
                  mode: fast
                  extra: "1"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                  namespace: applied
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: demo}}
                  template:
                    metadata: {labels: {app: demo}}
                    spec:
                      containers:
                      - name: main
                        image: registry.local/echo:v1
                        env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      - name: sidecar
                        image: registry.local/busybox
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: app, namespace: applied}
                spec:
                  selector: {app: demo}
                  ports: [{port: 80, targetPort: 8080}]
                """);
        String out = kubectl.run("apply", "-f", manifest.toString()).assertOk().out();
        assertThat(out).contains("configmap/app-config created", "deployment.apps/app created", "service/app created");
        assertThat(kubectl.run("diff", "-f", manifest.toString()).exitCode()).isZero();

        Files.writeString(manifest, Files.readString(manifest)
                .replace("labels: {app: demo, tier: backend}", "labels: {app: demo}")
                .replace("  extra: \"1\"\n", "")
                .replace("        - {name: B, value: \"2\"}\n", "")
                .replace("      - name: sidecar\n        image: registry.local/busybox\n", ""));
        Kubectl.Result diff = kubectl.run("diff", "-f", manifest.toString());
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        assertThat(diff.out()).contains("-    tier: backend");

        kubectl.run("apply", "-f", manifest.toString()).assertOk();
        JsonNode cm = json("get", "configmap", "app-config", "-n", "applied", "-o", "json");
        assertThat(cm.at("/metadata/labels").has("tier")).isFalse();
        assertThat(cm.at("/data").has("extra")).isFalse();
        JsonNode deploy = json("get", "deployment", "app", "-n", "applied", "-o", "json");
        assertThat(deploy.at("/spec/template/spec/containers")).hasSize(1);
        assertThat(deploy.at("/spec/template/spec/containers/0/env")).hasSize(1);
        assertThat(deploy.at("/metadata/generation").asInt()).isEqualTo(2);
        assertThat(kubectl.run("diff", "-f", manifest.toString()).exitCode()).isZero();
    }

    @Test
    void applyPruneRemovesADroppedObject() throws Exception {
        kubectl.run("create", "namespace", "pruned").assertOk();
        Path both = dir.resolve("both.yaml");
        Files.writeString(both, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: keep, namespace: pruned, labels: {app: x}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: drop, namespace: pruned, labels: {app: x}}
                """);
        kubectl.run("apply", "-f", both.toString()).assertOk();
        Path one = dir.resolve("one.yaml");
        Files.writeString(one, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keep, namespace: pruned, labels: "
                + "{app: x}}\n");
        assertThat(kubectl.run("apply", "--prune", "-l", "app=x", "-n", "pruned", "-f", one.toString()).assertOk().out())
                .contains("configmap/drop pruned");
        assertThat(kubectl.run("get", "configmaps", "-n", "pruned", "-l", "app=x", "-o", "name").assertOk().out().trim())
                .isEqualTo("configmap/keep");
    }

    @Test
    void outputFormats() throws Exception {
        kubectl.run("create", "namespace", "formats").assertOk();
        kubectl.run("create", "deployment", "fmt", "--image=registry.local/echo:v1", "-n", "formats").assertOk();
        String table = kubectl.run("get", "deploy", "-n", "formats").assertOk().out();
        assertThat(table).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
        String wide = kubectl.run("get", "deploy", "-n", "formats", "-o", "wide").assertOk().out();
        assertThat(wide).containsPattern("CONTAINERS\\s+IMAGES\\s+SELECTOR").contains("registry.local/echo:v1");
        assertThat(kubectl.run("get", "deploy", "fmt", "-n", "formats", "-o", "yaml").assertOk().out())
                .contains("kind: Deployment", "name: fmt");
        assertThat(json("get", "deploy", "fmt", "-n", "formats", "-o", "json").at("/kind").asText())
                .isEqualTo("Deployment");
        assertThat(kubectl.run("get", "deploy", "fmt", "-n", "formats", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}").assertOk().out())
                .isEqualTo("registry.local/echo:v1");
        String custom = kubectl.run("get", "deploy", "-n", "formats", "-o",
                "custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas").assertOk().out();
        assertThat(custom).containsPattern("NAME\\s+REPLICAS").containsPattern("fmt\\s+1");
        assertThat(kubectl.run("get", "deploy", "-n", "formats", "--show-labels").assertOk().out())
                .contains("app=fmt");
        assertThat(kubectl.run("get", "deploy", "-n", "formats", "-o", "name").assertOk().out().trim())
                .isEqualTo("deployment.apps/fmt");
    }

    @Test
    void watchSeesAnUpdate() throws Exception {
        kubectl.run("create", "namespace", "watched").assertOk();
        kubectl.run("create", "configmap", "w", "--from-literal=v=1", "-n", "watched").assertOk();
        Process watch = kubectl.start("get", "configmap", "w", "-n", "watched", "-w",
                "-o", "jsonpath={.data.v}{\"\\n\"}");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(watch.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line.trim());
                }
            } catch (java.io.IOException ignored) {
                // The process was stopped.
            }
        });
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("1"));
            kubectl.run("patch", "configmap", "w", "-n", "watched", "-p", "{\"data\":{\"v\":\"2\"}}").assertOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("2"));
        } finally {
            watch.destroy();
            reader.join(Duration.ofSeconds(10));
        }
    }

    @Test
    void labelAnnotatePatchReplaceEditScaleDelete() throws Exception {
        String ns = "-n=mutate";
        kubectl.run("create", "namespace", "mutate").assertOk();
        kubectl.run("create", "deployment", "m", "--image=registry.local/echo:v1", ns).assertOk();

        kubectl.run("label", "deployment", "m", "team=blue", ns).assertOk();
        kubectl.run("annotate", "deployment", "m", "note=hello", ns).assertOk();
        JsonNode d = json("get", "deployment", "m", ns, "-o", "json");
        assertThat(d.at("/metadata/labels/team").asText()).isEqualTo("blue");
        assertThat(d.at("/metadata/annotations/note").asText()).isEqualTo("hello");
        kubectl.run("label", "deployment", "m", "team-", ns).assertOk();
        assertThat(json("get", "deployment", "m", ns, "-o", "json").at("/metadata/labels").has("team")).isFalse();

        kubectl.run("patch", "deployment", "m", ns, "--type=strategic", "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"echo\",\"image\":\"registry.local/echo:v2\"}]}}}}")
                .assertOk();
        d = json("get", "deployment", "m", ns, "-o", "json");
        assertThat(d.at("/spec/template/spec/containers")).hasSize(1);
        assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("registry.local/echo:v2");
        assertThat(d.at("/metadata/generation").asInt()).isEqualTo(2);

        kubectl.run("patch", "deployment", "m", ns, "--type=merge", "-p", "{\"spec\":{\"minReadySeconds\":5}}")
                .assertOk();
        kubectl.run("patch", "deployment", "m", ns, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/revisionHistoryLimit\",\"value\":3}]").assertOk();
        d = json("get", "deployment", "m", ns, "-o", "json");
        assertThat(d.at("/spec/minReadySeconds").asInt()).isEqualTo(5);
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(3);
        assertThat(kubectl.run("patch", "deployment", "m", ns, "--type=json", "-p",
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":99}]").exitCode()).isNotZero();

        Path replaced = dir.resolve("replace.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("spec")).put("replicas", 4);
        Files.writeString(replaced, d.toString());
        kubectl.run("replace", "-f", replaced.toString()).assertOk();
        assertThat(json("get", "deployment", "m", ns, "-o", "json").at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(kubectl.run("replace", "-f", replaced.toString()).err())
                .contains("the object has been modified");

        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/minReadySeconds: 5/minReadySeconds: 9/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwxr-xr-x"));
        kubectl.withEnv("KUBE_EDITOR", editor.toString()).run("edit", "deployment", "m", ns).assertOk();
        assertThat(json("get", "deployment", "m", ns, "-o", "json").at("/spec/minReadySeconds").asInt()).isEqualTo(9);

        kubectl.run("scale", "deployment", "m", "--replicas=7", ns).assertOk();
        assertThat(json("get", "deployment", "m", ns, "-o", "json").at("/spec/replicas").asInt()).isEqualTo(7);

        kubectl.run("delete", "deployment", "m", ns).assertOk();
        assertThat(kubectl.run("get", "deployment", "m", ns).err()).contains("NotFound");
    }

    @Test
    void chunkedListsPage() throws Exception {
        kubectl.run("create", "namespace", "paged").assertOk();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            many.append("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-").append(i)
                    .append(", namespace: paged}\ndata: {i: \"").append(i).append("\"}\n---\n");
        }
        Path file = dir.resolve("many.yaml");
        Files.writeString(file, many.toString());
        kubectl.run("apply", "-f", file.toString()).assertOk();
        Kubectl.Result paged = kubectl.withEnv("KUBECTL_X", "1").run("get", "configmaps", "-n", "paged",
                "--chunk-size=4", "-o", "name", "-v=6");
        paged.assertOk();
        assertThat(paged.out().lines().filter(l -> l.startsWith("configmap/cm-")).count()).isEqualTo(25);
        assertThat(paged.err()).contains("limit=4").contains("continue=");
    }

    private static JsonNode json(String... args) throws Exception {
        return JSON.readTree(kubectl.run(args).assertOk().out());
    }
}
