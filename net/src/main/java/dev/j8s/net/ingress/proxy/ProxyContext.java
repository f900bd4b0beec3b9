package dev.j8s.net.ingress.proxy;

import dev.j8s.net.ingress.route.RouteTable;
import java.util.function.Supplier;

/**
 * What every client connection of one ingress server shares: the current routes and the upstream pool.
 *
 * @param maxAttempts how many endpoints an idempotent request without a body tries before a 502
 */
record ProxyContext(Supplier<RouteTable> routes, UpstreamPool pool, int maxAttempts) {}
