package dev.j8s.net.ingress.route;

import java.util.function.Function;
import java.util.function.IntUnaryOperator;

/**
 * Where requests that matched one host and path go: the main backend and, when a canary Ingress
 * covers the same host and path, the canary backend with its policy.
 *
 * @param source the Ingress (namespace/name) or pod set the route comes from, for diagnostics
 */
public record Route(String source, Upstreams backend, CanaryPolicy canaryPolicy, Upstreams canary) {

    public static Route of(String source, Upstreams backend) {
        return new Route(source, backend, null, null);
    }

    public Route withCanary(CanaryPolicy policy, Upstreams canaryBackend) {
        return new Route(source, backend, policy, canaryBackend);
    }

    /** The backend this request goes to. */
    public Upstreams select(Function<String, String> headers, Function<String, String> cookies, IntUnaryOperator random) {
        if (canary != null && canaryPolicy.selectsCanary(headers, cookies, random)) {
            return canary;
        }
        return backend;
    }
}
