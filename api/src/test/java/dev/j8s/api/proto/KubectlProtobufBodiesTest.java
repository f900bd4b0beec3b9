package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against the real kubectl 1.32: the protobuf body it POSTs must decode to exactly
 * the JSON it prints for the same command with {@code --dry-run=client -o json}. Skipped when no
 * kubectl 1.32 is installed ({@code J8S_KUBECTL} names one explicitly). With
 * {@code -Dj8s.capture.dir=DIR} it also writes each body and its JSON there, which is how the
 * committed test data of {@link CapturedBodiesTest} was made.
 */
class KubectlProtobufBodiesTest {

    private static final List<Path> CANDIDATES = List.of(
            Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.32"), Path.of("/usr/local/bin/kubectl-1.32"));

    @TempDir
    static Path home;
    private static KubectlCaptureServer server;
    private static Path kubectl;

    @BeforeAll
    static void start() throws IOException {
        kubectl = findKubectl();
        assumeTrue(kubectl != null, "kubectl 1.32 not installed");
        server = new KubectlCaptureServer();
        byte[] binary = new byte[64];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7 - 100);
        }
        Files.write(home.resolve("payload.bin"), binary);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("configmap", List.of("create", "configmap", "settings", "--from-literal=a=b",
                        "--from-literal=empty=")),
                Arguments.of("secret", List.of("create", "secret", "generic", "creds", "--from-literal=user=admin",
                        "--from-file=payload.bin=PAYLOAD", "--type=Opaque")),
                Arguments.of("deployment", List.of("create", "deployment", "web", "--image=nginx:1.27",
                        "--replicas=0", "--port=80")),
                Arguments.of("namespace", List.of("create", "namespace", "team-a")),
                Arguments.of("service", List.of("create", "service", "clusterip", "web", "--tcp=80:8080",
                        "--tcp=443:https")),
                Arguments.of("job", List.of("create", "job", "once", "--image=busybox", "--", "echo", "hi")),
                Arguments.of("cronjob", List.of("create", "cronjob", "nightly", "--image=busybox",
                        "--schedule=*/5 * * * *", "--", "date")),
                Arguments.of("ingress", List.of("create", "ingress", "web", "--class=nginx",
                        "--rule=example.com/api*=api:8080,tls=example-cert", "--rule=/=web:http")),
                Arguments.of("role", List.of("create", "role", "reader", "--verb=get,list",
                        "--resource=pods,deployments.apps")),
                Arguments.of("rolebinding", List.of("create", "rolebinding", "readers", "--role=reader",
                        "--user=alice", "--serviceaccount=default:bot")),
                Arguments.of("clusterrole", List.of("create", "clusterrole", "health", "--verb=get",
                        "--non-resource-url=/healthz")),
                Arguments.of("priorityclass", List.of("create", "priorityclass", "zero", "--value=0",
                        "--preemption-policy=Never")),
                Arguments.of("quota", List.of("create", "quota", "small", "--hard=pods=10,requests.cpu=500m,memory=1Gi")),
                Arguments.of("pdb", List.of("create", "pdb", "web", "--selector=app=web", "--min-available=50%")),
                Arguments.of("serviceaccount", List.of("create", "serviceaccount", "bot")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void protobufBodyDecodesToTheJsonKubectlWouldSend(String name, List<String> command) throws Exception {
        List<String> args = command.stream()
                .map(a -> a.replace("PAYLOAD", home.resolve("payload.bin").toString())).toList();
        int before = server.captured().size();
        String printed = run(args, "--dry-run=server", "-o", "name");
        assertThat(server.captured()).hasSize(before + 1);
        KubectlCaptureServer.Captured post = server.captured().get(before);
        assertThat(post.contentType()).isEqualTo(ProtobufCodec.MEDIA_TYPE);

        JsonNode expected = Json.parse(run(args, "--dry-run=client", "-o", "json").getBytes(StandardCharsets.UTF_8));
        assertThat(ProtobufCodec.decode(post.body())).isEqualTo(expected);
        // kubectl read our decoded object back as the server's answer
        assertThat(printed.strip()).endsWith("/" + expected.path("metadata").path("name").asText());
        save(name, post.body(), expected);
    }

    @org.junit.jupiter.api.Test
    void authCanISendsASelfSubjectAccessReview() throws Exception {
        int before = server.captured().size();
        String answer = run(List.of("auth", "can-i", "create", "pods", "--subresource=log", "-n", "prod"));
        assertThat(answer.strip()).isEqualTo("yes");
        KubectlCaptureServer.Captured post = server.captured().get(before);
        assertThat(post.path()).isEqualTo("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
        assertThat(post.contentType()).isEqualTo(ProtobufCodec.MEDIA_TYPE);
        JsonNode expected = Json.parse("""
                {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "metadata":{"creationTimestamp":null},
                 "spec":{"resourceAttributes":{"namespace":"prod","verb":"create","resource":"pods","subresource":"log"}},
                 "status":{"allowed":false}}""".getBytes(StandardCharsets.UTF_8));
        assertThat(ProtobufCodec.decode(post.body())).isEqualTo(expected);
        save("selfsubjectaccessreview", post.body(), expected);
    }

    private static String run(List<String> command, String... more) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(kubectl.toString(), "--server", server.url(),
                "--cache-dir", home.resolve("cache").toString()));
        // flags go before a "--" that starts the container command
        int dashes = command.indexOf("--");
        line.addAll(dashes < 0 ? command : command.subList(0, dashes));
        line.addAll(List.of(more));
        if (dashes >= 0) {
            line.addAll(command.subList(dashes, command.size()));
        }
        ProcessBuilder builder = new ProcessBuilder(line).directory(home.toFile())
                .redirectError(home.resolve("stderr.txt").toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("KUBECONFIG", home.resolve("no-kubeconfig").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", line, Files.readString(home.resolve("stderr.txt")))
                .isZero();
        return out;
    }

    private static void save(String name, byte[] body, JsonNode json) throws IOException {
        String dir = System.getProperty("j8s.capture.dir");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name + ".pb"), body);
            Files.writeString(Path.of(dir, name + ".json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        }
    }

    private static Path findKubectl() {
        String explicit = System.getenv("J8S_KUBECTL");
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Path.of(explicit);
        }
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }
}
