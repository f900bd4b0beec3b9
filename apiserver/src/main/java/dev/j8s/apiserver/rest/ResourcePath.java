package dev.j8s.apiserver.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed resource URL: {@code /api/v1/namespaces/default/pods/web/status} →
 * group "", version v1, namespace default, plural pods, name web, subresource status.
 */
public record ResourcePath(String group, String version, String namespace, String plural, String name,
                           String subresource) {

    /** Parses a resource path; returns null if the path is not a resource path at all. */
    public static ResourcePath parse(String path) {
        List<String> parts = split(path);
        String group;
        String version;
        int i;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            i = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            i = 3;
        } else {
            return null;
        }
        List<String> rest = parts.subList(i, parts.size());
        if (rest.isEmpty()) {
            return null;
        }
        if (rest.get(0).equals("namespaces") && rest.size() >= 3
                && !(rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")))) {
            String ns = rest.get(1);
            List<String> r = rest.subList(2, rest.size());
            if (r.size() > 3) {
                return invalid(group, version);
            }
            return new ResourcePath(group, version, ns, r.get(0), r.size() > 1 ? r.get(1) : null,
                    r.size() > 2 ? r.get(2) : null);
        }
        if (rest.size() > 3) {
            return invalid(group, version);
        }
        return new ResourcePath(group, version, null, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
                rest.size() > 2 ? rest.get(2) : null);
    }

    private static ResourcePath invalid(String group, String version) {
        return new ResourcePath(group, version, null, "", null, null);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
