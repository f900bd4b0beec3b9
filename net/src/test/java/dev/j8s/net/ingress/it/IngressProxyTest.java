package dev.j8s.net.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.IssuedCert;
import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.SharedApiServer;
import dev.j8s.net.ingress.IngressController;
import dev.j8s.net.ingress.proxy.IngressServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ingress controller against the real API server, with real upstream HTTP servers on loopback addresses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedApiServer.class)
class IngressProxyTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    KubeClient client;
    IngressFixture api;
    IngressController ingress;
    final List<Upstream> upstreams = new ArrayList<>();

    @BeforeAll
    void start(ApiServerFixture fixture) throws Exception {
        client = fixture.newClient();
        api = new IngressFixture(client, "ingress-test");
        ingress = new IngressController(client, new IngressController.Options(
                IngressServer.Config.defaults("127.0.0.1", 0, 0), "127.0.0.1")).start();
    }

    @AfterAll
    void stop() {
        if (ingress != null) {
            ingress.close();
        }
        upstreams.forEach(Upstream::close);
    }

    Upstream upstream(String name, String ip) throws IOException {
        Upstream u = new Upstream(name, ip);
        upstreams.add(u);
        return u;
    }

    RawHttp http() throws IOException {
        return new RawHttp(ingress.httpPort());
    }

    /** Waits until {@code host path} answers with a body containing {@code expected}. */
    void awaitRoute(String host, String path, String expected) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (RawHttp c = http()) {
                assertThat(c.get(host, path).body()).contains(expected);
            }
        });
    }

    @Test
    void createsTheDefaultIngressClass() {
        IngressClass c = client.resources(IngressClass.class).get(null, "j8s");
        assertThat(c.getSpec().getController()).isEqualTo("j8s.dev/ingress");
        assertThat(c.getMetadata().getAnnotations()).containsEntry("ingressclass.kubernetes.io/is-default-class", "true");
    }

    @Test
    void routesTwoHostsAndTwoPathsWithForwardedHeadersAndSetsStatus() throws Exception {
        Upstream app = upstream("app", "127.0.0.2");
        Upstream api2 = upstream("api", "127.0.0.3");
        Upstream blog = upstream("blog", "127.0.0.4");
        for (var s : List.of(Map.entry("app", app), Map.entry("api", api2), Map.entry("blog", blog))) {
            api.service(s.getKey());
            api.slice(s.getKey(), s.getKey() + "-1", s.getValue(), true, false);
        }
        api.ingress("shop", Map.of(), "shop.test", "/", "app", "shop.test", "/api", "api@name", "blog.test", "/", "blog");

        awaitRoute("blog.test", "/", "name=blog");
        try (RawHttp c = http()) {
            RawHttp.Response root = c.get("shop.test", "/cart?x=1", "X-Forwarded-For", "203.0.113.7", "Connection", "keep-alive");
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.body()).contains("name=app", "path=/cart?x=1", "host=shop.test", "proto=http",
                    "fhost=shop.test", "xff=203.0.113.7, 127.0.0.1").doesNotContain("connection=keep-alive");
            assertThat(c.get("SHOP.test:" + ingress.httpPort(), "/api/items").body()).contains("name=api", "path=/api/items",
                    "host=SHOP.test:" + ingress.httpPort());
            assertThat(c.get("shop.test", "/apis").body()).contains("name=app");
            assertThat(c.get("blog.test", "/2026/post").body()).contains("name=blog");
            RawHttp.Response unknown = c.get("nobody.test", "/");
            assertThat(unknown.status()).isEqualTo(404);
            // The connection survives a 404 and keeps serving.
            assertThat(c.get("blog.test", "/").status()).isEqualTo(200);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.resources(Ingress.class).get(api.ns, "shop")
                .getStatus().getLoadBalancer().getIngress()).singleElement()
                .satisfies(lb -> assertThat(lb.getIp()).isEqualTo("127.0.0.1")));
    }

    @Test
    void answers503WithoutReadyEndpointsAnd502WhenTheUpstreamIsGone() throws Exception {
        Upstream gone = upstream("gone", "127.0.0.5");
        api.service("notready");
        api.slice("notready", "notready-1", gone, false, false);
        api.service("dead");
        api.slice("dead", "dead-1", gone, true, false);
        api.ingress("errors", Map.of(), "errors.test", "/notready", "notready", "errors.test", "/dead", "dead");
        awaitRoute("errors.test", "/dead", "name=gone");
        gone.close();
        try (RawHttp c = http()) {
            assertThat(c.get("errors.test", "/notready").status()).isEqualTo(503);
            assertThat(c.get("errors.test", "/dead").status()).isEqualTo(502);
            assertThat(c.get("errors.test", "/dead").status()).isEqualTo(502);
        }
    }

    @Test
    void retriesIdempotentRequestsOnAnotherEndpointButNotPosts() throws Exception {
        Upstream good = upstream("good", "127.0.0.6");
        api.service("flaky");
        api.slice("flaky", "flaky-good", good, true, false);
        // A port on which nothing listens: connections are refused.
        int closedPort;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.7"))) {
            closedPort = s.getLocalPort();
        }
        api.deadSlice("flaky", "flaky-dead", "127.0.0.7", closedPort);
        api.ingress("flaky", Map.of(), "flaky.test", "/", "flaky");
        await().atMost(WAIT).ignoreExceptions().until(() -> ingress.routes().route("flaky.test", "/").backend().size() == 2);

        int posts502 = 0;
        try (RawHttp c = http()) {
            for (int i = 0; i < 20; i++) {
                RawHttp.Response r = c.get("flaky.test", "/x");
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).contains("name=good");
            }
            for (int i = 0; i < 6; i++) {
                RawHttp.Response r = c.send("POST", "flaky.test", "/x", "data".getBytes(StandardCharsets.UTF_8));
                assertThat(r.status()).isIn(200, 502);
                posts502 += r.status() == 502 ? 1 : 0;
            }
        }
        assertThat(posts502).as("POSTs that hit the refusing endpoint are not retried").isBetween(1, 5);
    }

    @Test
    void canaryByWeightTakesAboutItsShareAndByHeaderOverrides() throws Exception {
        Upstream v1 = upstream("v1", "127.0.0.8");
        Upstream v2 = upstream("v2", "127.0.0.9");
        api.service("web-v1");
        api.slice("web-v1", "web-v1-1", v1, true, false);
        api.service("web-v2");
        api.slice("web-v2", "web-v2-1", v2, true, false);
        api.ingress("web", Map.of(), "canary.test", "/", "web-v1");
        api.ingress("web-canary", Map.of("nginx.ingress.kubernetes.io/canary", "true",
                "nginx.ingress.kubernetes.io/canary-weight", "20",
                "nginx.ingress.kubernetes.io/canary-by-header", "X-Canary"), "canary.test", "/", "web-v2");
        await().atMost(WAIT).ignoreExceptions().until(() -> ingress.routes().route("canary.test", "/").canary() != null
                && !ingress.routes().route("canary.test", "/").canary().isEmpty());

        int canary = 0;
        try (RawHttp c = http()) {
            for (int i = 0; i < 1000; i++) {
                canary += c.get("canary.test", "/").body().contains("name=v2") ? 1 : 0;
            }
            assertThat(canary).as("canary share of 1000 at weight 20").isBetween(150, 250);
            for (int i = 0; i < 20; i++) {
                assertThat(c.get("canary.test", "/", "X-Canary", "always").body()).contains("name=v2");
                assertThat(c.get("canary.test", "/", "X-Canary", "never").body()).contains("name=v1");
            }
        }
    }

    @Test
    void terminatingEndpointsFinishInFlightRequestsButTakeNoNewOnes() throws Exception {
        Upstream old = upstream("old", "127.0.0.10");
        Upstream fresh = upstream("fresh", "127.0.0.11");
        api.service("drain");
        api.slice("drain", "drain-old", old, true, false);
        api.ingress("drain", Map.of(), "drain.test", "/", "drain");
        awaitRoute("drain.test", "/", "name=old");

        CompletableFuture<RawHttp.Response> inFlight = CompletableFuture.supplyAsync(() -> {
            try (RawHttp c = http()) {
                return c.get("drain.test", "/slow");
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(old.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        api.slice("drain", "drain-fresh", fresh, true, false);
        api.slice("drain", "drain-old", old, false, true);
        awaitRoute("drain.test", "/", "name=fresh");
        try (RawHttp c = http()) {
            for (int i = 0; i < 10; i++) {
                assertThat(c.get("drain.test", "/").body()).contains("name=fresh");
            }
        }
        old.releaseSlow.countDown();
        RawHttp.Response finished = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.body()).contains("name=old");
    }

    @Test
    void streamsLargeBodiesBothWaysAndServesPipelinedRequests() throws Exception {
        Upstream echo = upstream("echo", "127.0.0.12");
        api.service("echo");
        api.slice("echo", "echo-1", echo, true, false);
        api.ingress("echo", Map.of(), "echo.test", "/", "echo");
        awaitRoute("echo.test", "/", "name=echo");
        byte[] big = new byte[8 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (RawHttp c = http()) {
            RawHttp.Response r = c.send("POST", "echo.test", "/echo", big);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
            assertThat(r.body().length()).isEqualTo(big.length);
            assertThat(r.body()).isEqualTo(new String(big, StandardCharsets.UTF_8));
            // Three pipelined requests on one write come back in order.
            c.writeRaw("GET /1 HTTP/1.1\r\nHost: echo.test\r\n\r\nGET /2 HTTP/1.1\r\nHost: echo.test\r\n\r\n"
                    + "GET /3 HTTP/1.1\r\nHost: echo.test\r\n\r\n");
            assertThat(c.read(false).body()).contains("path=/1");
            assertThat(c.read(false).body()).contains("path=/2");
            assertThat(c.read(false).body()).contains("path=/3");
            assertThat(c.send("HEAD", "echo.test", "/", null).status()).isEqualTo(200);
            assertThat(c.get("echo.test", "/after-head").body()).contains("path=/after-head");
        }
    }

    @Test
    void servesTlsHostsBySniOverHttp2AndHttp11() throws Exception {
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), List.of());
        IssuedCert cert = pki.issueServingCert("secure.test", List.of("secure.test"), Duration.ofDays(1));
        Path ca = Files.writeString(dir.resolve("ca.pem"), pki.caPem());
        client.resources(Secret.class).create(new SecretBuilder().withNewMetadata().withName("secure-tls")
                .withNamespace(api.ns).endMetadata().withType("kubernetes.io/tls")
                .addToData("tls.crt", Base64.getEncoder().encodeToString(cert.certPem().getBytes(StandardCharsets.US_ASCII)))
                .addToData("tls.key", Base64.getEncoder().encodeToString(cert.keyPem().getBytes(StandardCharsets.US_ASCII)))
                .build());
        Upstream secure = upstream("secure", "127.0.0.13");
        api.service("secure");
        api.slice("secure", "secure-1", secure, true, false);
        Ingress ing = api.ingress("secure", Map.of(), "secure.test", "/", "secure");
        client.resources(Ingress.class).patch(api.ns, "secure", dev.j8s.client.PatchType.MERGE,
                "{\"spec\":{\"tls\":[{\"hosts\":[\"secure.test\"],\"secretName\":\"secure-tls\"}]}}");
        assertThat(ing).isNotNull();

        String url = "https://secure.test:" + ingress.httpsPort() + "/tls";
        String resolve = "secure.test:" + ingress.httpsPort() + ":127.0.0.1";
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(curl("--http2", "--resolve", resolve, "--cacert", ca.toString(), url)).contains("name=secure"));
        assertThat(curl("--http2", "-w", "\\nversion=%{http_version}", "--resolve", resolve, "--cacert", ca.toString(), url))
                .contains("name=secure", "proto=https", "host=secure.test:" + ingress.httpsPort(), "version=2");
        assertThat(curl("--http1.1", "-w", "\\nversion=%{http_version}", "--resolve", resolve, "--cacert", ca.toString(), url))
                .contains("name=secure", "version=1.1");
        // An HTTP/2 POST streams its body through as well.
        assertThat(curl("--http2", "--resolve", resolve, "--cacert", ca.toString(), "--data-binary", "hello-h2",
                "https://secure.test:" + ingress.httpsPort() + "/echo")).isEqualTo("hello-h2");
    }

    static String curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail", "--max-time", "10"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("curl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    void virtualHostPod(String name, Upstream upstream, String host) {
        client.resources(Pod.class).create(new PodBuilder().withNewMetadata().withName(name).withNamespace(api.ns)
                .endMetadata().withNewSpec().addNewContainer().withName("echo").withImage("echo:v1")
                .addNewEnv().withName("VIRTUAL_HOST").withValue(host).endEnv()
                .addNewEnv().withName("VIRTUAL_PORT").withValue(Integer.toString(upstream.port())).endEnv()
                .addNewPort().withContainerPort(9999).endPort().endContainer().endSpec().build());
        client.resources(Pod.class).patchStatus(api.ns, name, dev.j8s.client.PatchType.MERGE,
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"" + upstream.ip() + "\",\"conditions\":"
                        + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
    }

    @Test
    void virtualHostPodsShareTheirHostAndLeaveWhenDeletedAndIngressRulesWin() throws Exception {
        Upstream one = upstream("vh-one", "127.0.0.14");
        Upstream two = upstream("vh-two", "127.0.0.15");
        virtualHostPod("vh-one", one, "echo.127.0.0.1.nip.io, www.vh.test");
        virtualHostPod("vh-two", two, "echo.127.0.0.1.nip.io");
        await().atMost(WAIT).ignoreExceptions().until(() ->
                ingress.routes().route("echo.127.0.0.1.nip.io", "/").backend().size() == 2);
        try (RawHttp c = http()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 10; i++) {
                RawHttp.Response r = c.get("echo.127.0.0.1.nip.io", "/");
                assertThat(r.status()).isEqualTo(200);
                seen.add(r.body().split(" ")[0]);
            }
            assertThat(seen).containsExactlyInAnyOrder("name=vh-one", "name=vh-two");
            assertThat(c.get("www.vh.test", "/").body()).contains("name=vh-one");
        }
        // A pod that is deleted leaves the pool at once (it carries a finalizer here so it stays visible while terminating).
        client.resources(Pod.class).patch(api.ns, "vh-two", dev.j8s.client.PatchType.MERGE,
                "{\"metadata\":{\"finalizers\":[\"j8s.dev/test\"]}}");
        client.resources(Pod.class).delete(api.ns, "vh-two", null);
        await().atMost(WAIT).until(() -> ingress.routes().route("echo.127.0.0.1.nip.io", "/").backend().size() == 1);
        try (RawHttp c = http()) {
            for (int i = 0; i < 6; i++) {
                assertThat(c.get("echo.127.0.0.1.nip.io", "/").body()).contains("name=vh-one");
            }
        }
        client.resources(Pod.class).patch(api.ns, "vh-two", dev.j8s.client.PatchType.MERGE,
                "{\"metadata\":{\"finalizers\":null}}");
        // An Ingress rule for the same host takes precedence over the pods.
        Upstream viaIngress = upstream("vh-ingress", "127.0.0.16");
        api.service("vh-ingress");
        api.slice("vh-ingress", "vh-ingress-1", viaIngress, true, false);
        api.ingress("vh-override", Map.of(), "www.vh.test", "/", "vh-ingress");
        awaitRoute("www.vh.test", "/", "name=vh-ingress");
    }
}
