package dev.j8s.net.ingress.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTableTest {

    /** Each backend resolves to one endpoint whose port tells the backends apart. */
    static final RouteTableBuilder.BackendResolver RESOLVER = (ns, backend) -> new Upstreams(
            backend.getService().getName(), List.of(UpstreamAddress.of("127.0.0.1", backend.getService().getPort().getNumber())));

    static IngressBackend svc(String name, int port) {
        return new IngressBackendBuilder().withNewService().withName(name).withNewPort().withNumber(port).endPort()
                .endService().build();
    }

    static Ingress ingress(String name, String created, IngressBackend defaultBackend, String host, Object... paths) {
        IngressRuleBuilder rule = new IngressRuleBuilder().withHost(host).withNewHttp().endHttp();
        var http = rule.editHttp();
        for (int i = 0; i < paths.length; i += 3) {
            http.addToPaths(new HTTPIngressPathBuilder().withPathType((String) paths[i]).withPath((String) paths[i + 1])
                    .withBackend((IngressBackend) paths[i + 2]).build());
        }
        rule = http.endHttp();
        return new IngressBuilder().withNewMetadata().withName(name).withNamespace("default").withCreationTimestamp(created)
                .endMetadata().withNewSpec().withDefaultBackend(defaultBackend).withRules(rule.build()).endSpec().build();
    }

    static final RouteTable TABLE = RouteTableBuilder.build(List.of(
            ingress("a", "2026-01-01T00:00:00Z", null, "foo.example.com",
                    "Prefix", "/", svc("root", 1),
                    "Prefix", "/api", svc("api", 2),
                    "Exact", "/api", svc("api-exact", 3),
                    "Prefix", "/api/v2/", svc("v2", 4),
                    "ImplementationSpecific", "/static", svc("static", 5)),
            ingress("b", "2026-01-01T00:00:01Z", svc("fallback", 9), "*.example.com",
                    "Prefix", "/", svc("wild", 6)),
            // Younger Ingress claiming the same rule: loses to "a".
            ingress("c", "2026-01-01T00:00:02Z", svc("younger-default", 10), "foo.example.com",
                    "Prefix", "/api", svc("younger", 7),
                    "Exact", "/only-c", svc("only-c", 8)),
            ingress("d", "2026-01-01T00:00:03Z", null, "bar.example.com",
                    "Exact", "/exact", svc("bar-exact", 11))),
            RESOLVER, Map.of("pods.example.com", new Upstreams("vh", List.of(UpstreamAddress.of("127.0.0.2", 12))),
                    "foo.example.com", new Upstreams("vh-foo", List.of(UpstreamAddress.of("127.0.0.2", 13)))));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("foo.example.com", "/", "root"),
                Arguments.of("foo.example.com", "/index.html", "root"),
                Arguments.of("FOO.Example.com:8080", "/api", "api-exact"),
                Arguments.of("foo.example.com", "/api/", "api"),
                Arguments.of("foo.example.com", "/api?x=1", "api-exact"),
                Arguments.of("foo.example.com", "/api/users", "api"),
                Arguments.of("foo.example.com", "/apis", "root"),
                Arguments.of("foo.example.com", "/api/v2", "v2"),
                Arguments.of("foo.example.com", "/api/v2/x", "v2"),
                Arguments.of("foo.example.com", "/api/v20", "api"),
                Arguments.of("foo.example.com", "/static/app.js", "static"),
                Arguments.of("foo.example.com", "/only-c", "only-c"),
                Arguments.of("foo.example.com", "/only-c/", "root"),
                Arguments.of("foo.example.com", "http://foo.example.com/api/x", "api"),
                Arguments.of("other.example.com", "/anything", "wild"),
                Arguments.of("a.b.example.com", "/", "fallback"),
                Arguments.of("example.com", "/", "fallback"),
                Arguments.of("bar.example.com", "/exact", "bar-exact"),
                Arguments.of("bar.example.com", "/exact/", "fallback"),
                Arguments.of("pods.example.com", "/x", "vh"),
                Arguments.of(null, "/", "fallback"),
                Arguments.of("unknown.test", "/", "fallback"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("cases")
    void routesByHostThenLongestPath(String host, String uri, String backend) {
        assertThat(TABLE.route(host, uri).backend().name()).isEqualTo(backend);
    }

    @ParameterizedTest(name = "{0} {1} -> 404")
    @MethodSource("noDefault")
    void withoutDefaultBackendUnmatchedRequestsHaveNoRoute(String host, String uri) {
        RouteTable table = RouteTableBuilder.build(List.of(ingress("a", "2026-01-01T00:00:00Z", null, "foo.test",
                "Prefix", "/app", svc("app", 1))), RESOLVER, Map.of());
        assertThat(table.route(host, uri)).isNull();
    }

    static Stream<Arguments> noDefault() {
        return Stream.of(Arguments.of("foo.test", "/"), Arguments.of("foo.test", "/application"),
                Arguments.of("bar.test", "/app"), Arguments.of(null, "/app"));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("pathRules")
    void pathRulesMatchElementWise(String type, String rule, String path, boolean matches) {
        assertThat(PathRule.of(type, rule, null).matches(path)).isEqualTo(matches);
    }

    /** The examples table of the Kubernetes Ingress documentation ("Examples" under "Path types"). */
    static Stream<Arguments> pathRules() {
        return Stream.of(
                Arguments.of("Prefix", "/", "/anything", true),
                Arguments.of("Exact", "/foo", "/foo", true),
                Arguments.of("Exact", "/foo", "/bar", false),
                Arguments.of("Exact", "/foo", "/foo/", false),
                Arguments.of("Exact", "/foo/", "/foo", false),
                Arguments.of("Prefix", "/foo", "/foo", true),
                Arguments.of("Prefix", "/foo", "/foo/", true),
                Arguments.of("Prefix", "/foo/", "/foo", true),
                Arguments.of("Prefix", "/foo/", "/foo/", true),
                Arguments.of("Prefix", "/aaa/bb", "/aaa/bbb", false),
                Arguments.of("Prefix", "/aaa/bbb", "/aaa/bbb", true),
                Arguments.of("Prefix", "/aaa/bbb/", "/aaa/bbb", true),
                Arguments.of("Prefix", "/aaa/bbb", "/aaa/bbb/", true),
                Arguments.of("Prefix", "/aaa/bbb", "/aaa/bbb/ccc", true),
                Arguments.of("Prefix", "/aaa/bbb", "/aaa/bbbxyz", false),
                Arguments.of("ImplementationSpecific", "/aaa", "/aaa/ccc", true));
    }

    @org.junit.jupiter.api.Test
    void canaryIngressJoinsTheMainRuleOfTheSameHostAndPath() {
        Ingress canary = ingress("canary", "2025-01-01T00:00:00Z", svc("canary-default", 20), "foo.test",
                "Prefix", "/app", svc("app-v2", 21),
                "Prefix", "/other", svc("orphan", 22));
        canary.getMetadata().setAnnotations(Map.of(CanaryPolicy.CANARY, "true",
                CanaryPolicy.PREFIX + "canary-weight", "20"));
        RouteTable table = RouteTableBuilder.build(List.of(canary, ingress("main", "2026-01-01T00:00:00Z", null,
                "foo.test", "Prefix", "/app", svc("app-v1", 1))), RESOLVER, Map.of());

        Route route = table.route("foo.test", "/app/x");
        assertThat(route.backend().name()).isEqualTo("app-v1");
        assertThat(route.canary().name()).isEqualTo("app-v2");
        assertThat(route.canaryPolicy().weight()).isEqualTo(20);
        // A canary never routes on its own, and its defaultBackend is not the table's.
        assertThat(table.route("foo.test", "/other")).isNull();
        assertThat(table.route("bar.test", "/")).isNull();
    }
}
