package dev.j8s.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.patch.PatchMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real kubectl against the OpenAPI documents: explain, create -f (which checks the
 * documents for server-side field validation) and client-side apply (which computes its strategic
 * merge patch from the v3 schema). Skipped where no kubectl binary is installed.
 */
@Tag("kubectl")
class KubectlOpenApiTest {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/bin/kubectl"), Path.of("/usr/local/bin/kubectl"),
            Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.32"));

    @TempDir
    static Path home;

    private static Path kubectl;
    private static ResourceRegistry registry;
    private static OpenApiService openApi;
    private static DiscoveryAndOpenApiServer server;

    @BeforeAll
    static void startServer() throws IOException {
        kubectl = CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kubectl != null, "no kubectl binary installed");
        registry = ResourceRegistry.withBuiltins();
        openApi = new OpenApiService(registry);
        server = new DiscoveryAndOpenApiServer(registry, openApi);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void explainPrintsFieldDescriptionAndSubfields() throws Exception {
        Result r = kubectl("explain", "deployment.spec.strategy");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains("KIND:       Deployment")
                .contains("FIELD: strategy <DeploymentStrategy>")
                .contains("The deployment strategy to use to replace existing pods with new ones.")
                .contains("rollingUpdate\t<RollingUpdateDeployment>")
                .contains("type\t<string>")
                .contains("Type of deployment.");
    }

    @Test
    void explainPrintsAKindsFields() throws Exception {
        Result r = kubectl("explain", "pods");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("KIND:       Pod", "VERSION:    v1", "Pod is a collection of containers",
                "spec\t<PodSpec>", "metadata\t<ObjectMeta>");
    }

    @Test
    void explainRecursivePrintsNestedTypes() throws Exception {
        Result r = kubectl("explain", "svc.spec.ports", "--recursive");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("FIELD: ports <[]ServicePort>", "port\t<integer> -required-",
                "targetPort\t<IntOrString>", "protocol\t<string>");
    }

    @Test
    void createUsesServerSideFieldValidationAfterReadingTheGroupVersionDocument() throws Exception {
        Path manifest = home.resolve("create.yaml");
        Files.writeString(manifest, deployment("create-me"));

        Result r = kubectl("create", "-f", manifest.toString());

        // The test server has no create endpoint: the POST's 404 proves validation let the request through.
        assertThat(r.stderr()).doesNotContain("failed to download openapi").doesNotContain("error validating");
        assertThat(server.requests())
                .contains("GET /openapi/v3/apis/apps/v1?hash=" + openApi.v3Hash("apis/apps/v1").orElseThrow()
                        + "&timeout=32s")
                .anyMatch(req -> req.startsWith("POST /apis/apps/v1/namespaces/default/deployments?")
                        && req.contains("fieldValidation=Strict"));
    }

    @Test
    void clientSideApplyComputesItsPatchFromTheV3Schema() throws Exception {
        String original = deployment("web");
        var live = (com.fasterxml.jackson.databind.node.ObjectNode) Json.YAML.readTree(original);
        ((com.fasterxml.jackson.databind.node.ObjectNode) live.path("metadata")).putObject("annotations")
                .put("kubectl.kubernetes.io/last-applied-configuration", Json.string(Json.YAML.readTree(original)));
        server.putObject("/apis/apps/v1/namespaces/default/deployments/web", Json.bytes(live));
        Path manifest = home.resolve("apply.yaml");
        Files.writeString(manifest, original.replace("image: nginx", "image: nginx:1.27")
                .replace("- name: web\n", "- name: sidecar\n        image: busybox\n      - name: web\n"));

        Result r = kubectl("apply", "-f", manifest.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).doesNotContain("error calculating patch from openapi");
        assertThat(server.patches()).hasSize(1);
        DiscoveryAndOpenApiServer.Patch patch = server.patches().get(0);
        assertThat(patch.contentType()).startsWith("application/strategic-merge-patch+json");
        assertThat(patch.body()).contains("nginx:1.27");
        if (PatchMetadata.lookup(PodSpec.class, "containers").isPresent()) {
            // With merge keys published, containers merge by name instead of being replaced wholesale.
            assertThat(patch.body()).contains("$setElementOrder/containers");
        }
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  namespace: default
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: nginx
                        ports:
                        - containerPort: 80
                        resources:
                          limits: {cpu: 1, memory: 128Mi}
                """.formatted(name);
    }

    private record Result(int exitCode, String stdout, String stderr) {}

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--server", server.url(),
                "--cache-dir", home.resolve("cache").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(home.resolve("stdout").toFile())
                .redirectError(home.resolve("stderr").toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
        Process process = pb.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kubectl did not finish: " + command);
        }
        return new Result(process.exitValue(),
                Files.readString(home.resolve("stdout"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("stderr"), StandardCharsets.UTF_8));
    }
}
