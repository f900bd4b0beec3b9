package dev.j8s.net.ingress.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The path rules of one host, longest path first and, for the same path, Exact before Prefix: the
 * first rule that matches is the longest match, as the Ingress API asks.
 */
public final class HostRoutes {

    static final Comparator<PathRule> PRECEDENCE = Comparator.<PathRule>comparingInt(r -> r.path().length()).reversed()
            .thenComparing(r -> !r.exact());

    private final PathRule[] rules;

    public HostRoutes(List<PathRule> rules) {
        List<PathRule> sorted = new ArrayList<>(rules);
        sorted.sort(PRECEDENCE);
        this.rules = sorted.toArray(PathRule[]::new);
    }

    /** The route of the longest matching rule, or null. */
    public Route match(String path) {
        for (PathRule rule : rules) {
            if (rule.matches(path)) {
                return rule.route();
            }
        }
        return null;
    }

    public List<PathRule> rules() {
        return List.of(rules);
    }
}
