package dev.j8s.api.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Defaults of Pod and pod templates (pkg/apis/core/v1/defaults.go). */
final class PodDefaults {

    private PodDefaults() {}

    static void pod(ObjectNode pod) {
        spec(Nodes.obj(pod, "spec"));
    }

    static void template(ObjectNode template) {
        spec(Nodes.obj(template, "spec"));
    }

    static void spec(ObjectNode spec) {
        Nodes.put(spec, "restartPolicy", "Always");
        Nodes.put(spec, "dnsPolicy", "ClusterFirst");
        Nodes.put(spec, "terminationGracePeriodSeconds", 30);
        Nodes.put(spec, "schedulerName", "default-scheduler");
        Nodes.obj(spec, "securityContext");
        Nodes.eachObject(spec, "containers", PodDefaults::container);
        Nodes.eachObject(spec, "initContainers", PodDefaults::container);
        Nodes.eachObject(spec, "volumes", PodDefaults::volume);
    }

    static void container(ObjectNode c) {
        Nodes.put(c, "terminationMessagePath", "/dev/termination-log");
        Nodes.put(c, "terminationMessagePolicy", "File");
        Nodes.put(c, "imagePullPolicy", pullPolicy(c.path("image").asText("")));
        ObjectNode resources = Nodes.obj(c, "resources");
        // Limits without requests: the requests equal the limits.
        if (resources.get("limits") instanceof ObjectNode limits) {
            ObjectNode requests = Nodes.obj(resources, "requests");
            limits.fields().forEachRemaining(e -> {
                if (!requests.has(e.getKey())) {
                    requests.set(e.getKey(), e.getValue());
                }
            });
        }
        Nodes.eachObject(c, "ports", p -> Nodes.put(p, "protocol", "TCP"));
        for (String probe : new String[] {"livenessProbe", "readinessProbe", "startupProbe"}) {
            if (c.get(probe) instanceof ObjectNode p) {
                probe(p);
            }
        }
    }

    private static void probe(ObjectNode p) {
        Nodes.put(p, "timeoutSeconds", 1);
        Nodes.put(p, "periodSeconds", 10);
        Nodes.put(p, "successThreshold", 1);
        Nodes.put(p, "failureThreshold", 3);
        if (p.get("httpGet") instanceof ObjectNode http) {
            Nodes.put(http, "path", "/");
            Nodes.put(http, "scheme", "HTTP");
        }
    }

    private static void volume(ObjectNode v) {
        for (String source : new String[] {"configMap", "secret"}) {
            if (v.get(source) instanceof ObjectNode s) {
                Nodes.put(s, "defaultMode", 420);
            }
        }
    }

    /** IfNotPresent for a pinned tag or digest; Always for ":latest" or no tag at all. */
    static String pullPolicy(String image) {
        if (image.contains("@")) {
            return "IfNotPresent";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "Always";
        }
        return image.substring(colon + 1).equals("latest") ? "Always" : "IfNotPresent";
    }
}
