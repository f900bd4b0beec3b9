package dev.j8s.net.ingress.route;

import java.util.Locale;
import java.util.Map;

/**
 * An immutable snapshot of every route the ingress serves; a new one replaces it whenever an Ingress,
 * Service, EndpointSlice or pod changes, so requests read it without locks.
 *
 * <p>Host precedence: an Ingress rule for the exact host, then {@code VIRTUAL_HOST} pods for the exact
 * host (Ingress rules for a host take precedence over pods claiming it), then a wildcard rule
 * ({@code *.example.com} matches exactly one more DNS label), then rules without a host. When a host
 * is found but none of its paths match, or no host matches, the {@code defaultBackend} answers, else 404.
 */
public final class RouteTable {

    public static final RouteTable EMPTY = new RouteTable(Map.of(), Map.of(), null, null);

    private final Map<String, HostRoutes> exactHosts;
    /** Keyed by the part after "*." of the wildcard. */
    private final Map<String, HostRoutes> wildcardHosts;
    private final HostRoutes anyHost;
    private final Route defaultRoute;

    public RouteTable(Map<String, HostRoutes> exactHosts, Map<String, HostRoutes> wildcardHosts, HostRoutes anyHost,
                      Route defaultRoute) {
        this.exactHosts = Map.copyOf(exactHosts);
        this.wildcardHosts = Map.copyOf(wildcardHosts);
        this.anyHost = anyHost;
        this.defaultRoute = defaultRoute;
    }

    /**
     * The route of a request, or null (404).
     *
     * @param hostHeader the Host header (or HTTP/2 :authority), with or without port; may be null
     * @param uri the request target; its query is ignored
     */
    public Route route(String hostHeader, String uri) {
        String path = path(uri);
        HostRoutes host = hostRoutes(normalizeHost(hostHeader));
        Route route = host == null ? null : host.match(path);
        return route != null ? route : defaultRoute;
    }

    private HostRoutes hostRoutes(String host) {
        if (host != null) {
            HostRoutes exact = exactHosts.get(host);
            if (exact != null) {
                return exact;
            }
            int dot = host.indexOf('.');
            if (dot > 0 && !wildcardHosts.isEmpty()) {
                HostRoutes wildcard = wildcardHosts.get(host.substring(dot + 1));
                if (wildcard != null) {
                    return wildcard;
                }
            }
        }
        return anyHost;
    }

    public Map<String, HostRoutes> exactHosts() {
        return exactHosts;
    }

    public Map<String, HostRoutes> wildcardHosts() {
        return wildcardHosts;
    }

    /** Host without port, lower case, without a trailing dot; null when absent. */
    static String normalizeHost(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        String h = hostHeader;
        if (h.charAt(0) == '[') {
            int end = h.indexOf(']');
            h = end > 0 ? h.substring(0, end + 1) : h;
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0) {
                h = h.substring(0, colon);
            }
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return h.toLowerCase(Locale.ROOT);
            }
        }
        return h;
    }

    /** The path of a request target: origin-form up to '?' or '#', or the path of an absolute-form URI. */
    static String path(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "/";
        }
        int start = 0;
        if (uri.charAt(0) != '/') {
            int scheme = uri.indexOf("://");
            if (scheme < 0) {
                return "/";
            }
            int slash = uri.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int end = uri.length();
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return start == 0 && end == uri.length() ? uri : uri.substring(start, end);
    }
}
