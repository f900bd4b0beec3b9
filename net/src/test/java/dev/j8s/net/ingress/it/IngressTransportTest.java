package dev.j8s.net.ingress.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.net.ingress.proxy.IngressServer;
import dev.j8s.net.ingress.route.RouteTable;
import dev.j8s.net.ingress.route.RouteTableBuilder;
import dev.j8s.net.ingress.route.UpstreamAddress;
import dev.j8s.net.ingress.route.Upstreams;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ingress proxies alike on every socket layer it can run on: io_uring and epoll where this kernel
 * offers them (the best one is the default), NIO everywhere. Keep-alive reuse of both connections and a
 * streamed request body are what differ most between the transports' read and write paths.
 */
class IngressTransportTest {

    static List<String> transports() {
        List<String> available = new ArrayList<>();
        if (IoUring.isAvailable()) {
            available.add("io_uring");
        }
        if (Epoll.isAvailable()) {
            available.add("epoll");
        }
        available.add("nio");
        return available;
    }

    @ParameterizedTest
    @MethodSource("transports")
    void proxiesOnTransport(String transport) throws Exception {
        try (Upstream upstream = new Upstream("t", "127.0.0.1")) {
            RouteTable table = RouteTableBuilder.build(List.of(), (ns, backend) -> null, Map.of("t.test",
                    new Upstreams("t", List.of(UpstreamAddress.of("127.0.0.1", upstream.server.getAddress().getPort())))));
            IngressServer server;
            System.setProperty("j8s.ingress.transport", transport);
            try {
                server = new IngressServer(IngressServer.Config.defaults("127.0.0.1", 0, -1), () -> table, null).start();
            } finally {
                System.clearProperty("j8s.ingress.transport");
            }
            try (server; RawHttp http = new RawHttp(server.httpPort())) {
                assertThat(server.transport()).isEqualTo(transport);
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response r = http.get("t.test", "/n" + i);
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.body()).contains("name=t", "path=/n" + i, "host=t.test");
                }
                byte[] body = "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
                RawHttp.Response echo = http.send("POST", "t.test", "/echo", body);
                assertThat(echo.status()).isEqualTo(200);
                assertThat(echo.body()).hasSize(body.length);
                assertThat(http.get("nobody.test", "/").status()).isEqualTo(404);
            }
            // The GETs and the POST reached the upstream; the unrouted request did not.
            assertThat(upstream.requests.get()).isEqualTo(4);
        }
    }
}
