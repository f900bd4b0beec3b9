package dev.j8s.net.ingress.route;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link RouteTable} from the Ingresses of the j8s class and the {@code VIRTUAL_HOST} pods.
 * Rules of several Ingresses for one host are merged, as ingress-nginx does; when two claim the same
 * host, path and path type, or both set a {@code defaultBackend}, the older Ingress wins. A canary
 * Ingress ({@code nginx.ingress.kubernetes.io/canary: "true"}) adds no routes of its own: each of its
 * paths attaches its backend to the main rule with the same host and path (one canary per rule); a
 * canary without a main rule is ignored.
 */
public final class RouteTableBuilder {

    /** Resolves an Ingress backend to its ready endpoints now. */
    @FunctionalInterface
    public interface BackendResolver {
        Upstreams resolve(String namespace, IngressBackend backend);
    }

    /** Oldest first, then by namespace/name: which Ingress wins a conflict. */
    public static final Comparator<Ingress> AGE = Comparator
            .comparing((Ingress i) -> i.getMetadata().getCreationTimestamp() == null ? ""
                    : i.getMetadata().getCreationTimestamp())
            .thenComparing(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName());

    private final BackendResolver resolver;
    private final Map<String, Upstreams> resolved = new HashMap<>();
    private final Map<String, List<PathRule>> hosts = new LinkedHashMap<>();
    private Route defaultRoute;

    private RouteTableBuilder(BackendResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * @param ingresses the Ingresses this controller serves, in any order
     * @param virtualHosts the pods of each {@code VIRTUAL_HOST} (lower-case host names)
     */
    public static RouteTable build(List<Ingress> ingresses, BackendResolver resolver, Map<String, Upstreams> virtualHosts) {
        RouteTableBuilder b = new RouteTableBuilder(resolver);
        List<Ingress> sorted = new ArrayList<>(ingresses);
        sorted.sort(AGE);
        for (Ingress ingress : sorted) {
            if (!CanaryPolicy.isCanary(ingress.getMetadata().getAnnotations())) {
                b.addMain(ingress);
            }
        }
        for (Ingress ingress : sorted) {
            if (CanaryPolicy.isCanary(ingress.getMetadata().getAnnotations())) {
                b.addCanary(ingress);
            }
        }
        return b.table(virtualHosts);
    }

    private void addMain(Ingress ingress) {
        String ns = ingress.getMetadata().getNamespace();
        String source = ns + "/" + ingress.getMetadata().getName();
        if (ingress.getSpec() == null) {
            return;
        }
        if (defaultRoute == null && ingress.getSpec().getDefaultBackend() != null) {
            defaultRoute = Route.of(source, upstreams(ns, ingress.getSpec().getDefaultBackend()));
        }
        for (IngressRule rule : rules(ingress)) {
            List<PathRule> paths = hosts.computeIfAbsent(hostKey(rule.getHost()), h -> new ArrayList<>());
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                if (p.getBackend() == null) {
                    continue;
                }
                PathRule candidate = PathRule.of(p.getPathType(), p.getPath(), Route.of(source, upstreams(ns, p.getBackend())));
                if (paths.stream().noneMatch(candidate::sameRule)) {
                    paths.add(candidate);
                }
            }
        }
    }

    private void addCanary(Ingress ingress) {
        String ns = ingress.getMetadata().getNamespace();
        CanaryPolicy policy = CanaryPolicy.fromAnnotations(ingress.getMetadata().getAnnotations());
        for (IngressRule rule : rules(ingress)) {
            List<PathRule> paths = hosts.get(hostKey(rule.getHost()));
            if (paths == null) {
                continue;
            }
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                if (p.getBackend() == null) {
                    continue;
                }
                PathRule canary = PathRule.of(p.getPathType(), p.getPath(), null);
                for (int i = 0; i < paths.size(); i++) {
                    PathRule main = paths.get(i);
                    if (main.sameRule(canary) && main.route().canary() == null) {
                        paths.set(i, new PathRule(main.path(), main.exact(),
                                main.route().withCanary(policy, upstreams(ns, p.getBackend()))));
                    }
                }
            }
        }
    }

    private RouteTable table(Map<String, Upstreams> virtualHosts) {
        Map<String, HostRoutes> exact = new HashMap<>();
        Map<String, HostRoutes> wildcard = new HashMap<>();
        HostRoutes any = null;
        for (Map.Entry<String, List<PathRule>> e : hosts.entrySet()) {
            HostRoutes routes = new HostRoutes(e.getValue());
            if (e.getKey().isEmpty()) {
                any = routes;
            } else if (e.getKey().startsWith("*.")) {
                wildcard.put(e.getKey().substring(2), routes);
            } else {
                exact.put(e.getKey(), routes);
            }
        }
        virtualHosts.forEach((host, pods) -> exact.putIfAbsent(host,
                new HostRoutes(List.of(PathRule.of("Prefix", "/", Route.of("VIRTUAL_HOST " + host, pods))))));
        return new RouteTable(exact, wildcard, any, defaultRoute);
    }

    private Upstreams upstreams(String namespace, IngressBackend backend) {
        String key = namespace + "/" + (backend.getService() == null ? "resource:" + backend.getResource()
                : backend.getService().getName() + ":" + backend.getService().getPort());
        return resolved.computeIfAbsent(key, k -> resolver.resolve(namespace, backend));
    }

    private static List<IngressRule> rules(Ingress ingress) {
        if (ingress.getSpec() == null || ingress.getSpec().getRules() == null) {
            return List.of();
        }
        return ingress.getSpec().getRules().stream()
                .filter(r -> r.getHttp() != null && r.getHttp().getPaths() != null).toList();
    }

    private static String hostKey(String host) {
        return host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    }
}
