package dev.j8s.net.ingress.route;

/**
 * One {@code spec.rules[].http.paths[]} entry. {@code Prefix} (and {@code ImplementationSpecific},
 * which j8s treats as Prefix) matches element-wise as Kubernetes defines it: {@code /foo} matches
 * {@code /foo}, {@code /foo/} and {@code /foo/bar} but not {@code /foobar}; a trailing slash in the
 * rule is ignored. {@code Exact} matches the path exactly, case-sensitively.
 */
public record PathRule(String path, boolean exact, Route route) {

    /** A rule of the Ingress path type ({@code Exact}, {@code Prefix}, {@code ImplementationSpecific}). */
    public static PathRule of(String pathType, String path, Route route) {
        String p = path == null || path.isEmpty() ? "/" : path;
        boolean exact = "Exact".equals(pathType);
        if (!exact && p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return new PathRule(p, exact, route);
    }

    /** Whether the request path (without its query) matches. */
    public boolean matches(String requestPath) {
        if (exact) {
            return path.equals(requestPath);
        }
        if (path.equals("/")) {
            return true;
        }
        return requestPath.startsWith(path)
                && (requestPath.length() == path.length() || requestPath.charAt(path.length()) == '/');
    }

    /** Same path and type: two Ingresses claiming one rule (the older wins; a canary joins it). */
    public boolean sameRule(PathRule other) {
        return exact == other.exact && path.equals(other.path);
    }
}
