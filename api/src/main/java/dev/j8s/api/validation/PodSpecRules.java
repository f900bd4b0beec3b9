package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Pod spec validation (pkg/apis/core/validation ValidatePodSpec), the parts users trip over. */
final class PodSpecRules {

    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");

    private PodSpecRules() {}

    static void validate(JsonNode spec, String path, List<String> allowedRestartPolicies, List<StatusCause> out) {
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            out.add(StatusCause.required(path + ".containers"));
        }
        Set<String> volumes = new HashSet<>();
        int i = 0;
        for (JsonNode v : spec.path("volumes")) {
            String name = v.path("name").asText("");
            String field = path + ".volumes[" + i++ + "].name";
            if (name.isEmpty()) {
                out.add(StatusCause.required(field));
            } else {
                Names.dnsLabel(field, name, out);
                if (!volumes.add(name)) {
                    out.add(StatusCause.duplicate(field, name));
                }
            }
        }
        Set<String> names = new HashSet<>();
        containers(spec.path("initContainers"), path + ".initContainers", names, volumes, out);
        containers(containers, path + ".containers", names, volumes, out);
        String restart = spec.path("restartPolicy").asText("");
        if (!restart.isEmpty() && !allowedRestartPolicies.contains(restart)) {
            out.add(StatusCause.notSupported(path + ".restartPolicy", restart, allowedRestartPolicies));
        }
    }

    private static void containers(JsonNode list, String path, Set<String> names, Set<String> volumes,
                                    List<StatusCause> out) {
        int i = 0;
        for (JsonNode c : list) {
            String at = path + "[" + i++ + "]";
            String name = c.path("name").asText("");
            if (name.isEmpty()) {
                out.add(StatusCause.required(at + ".name"));
            } else {
                Names.dnsLabel(at + ".name", name, out);
                if (!names.add(name)) {
                    out.add(StatusCause.duplicate(at + ".name", name));
                }
            }
            if (c.path("image").asText("").isBlank()) {
                out.add(StatusCause.required(at + ".image"));
            }
            int p = 0;
            for (JsonNode port : c.path("ports")) {
                portNumber(at + ".ports[" + p + "].containerPort", port.path("containerPort"), true, out);
                portNumber(at + ".ports[" + p + "].hostPort", port.path("hostPort"), false, out);
                protocol(at + ".ports[" + p++ + "].protocol", port.path("protocol"), out);
            }
            int m = 0;
            for (JsonNode mount : c.path("volumeMounts")) {
                String volume = mount.path("name").asText("");
                if (!volumes.contains(volume)) {
                    out.add(new StatusCause("FieldValueNotFound", "Not found: \"" + volume + "\"",
                            at + ".volumeMounts[" + m + "].name"));
                }
                if (mount.path("mountPath").asText("").isEmpty()) {
                    out.add(StatusCause.required(at + ".volumeMounts[" + m + "].mountPath"));
                }
                m++;
            }
            int e = 0;
            for (JsonNode env : c.path("env")) {
                if (env.path("name").asText("").isEmpty()) {
                    out.add(StatusCause.required(at + ".env[" + e + "].name"));
                }
                e++;
            }
        }
    }

    static void portNumber(String field, JsonNode value, boolean required, List<StatusCause> out) {
        if (value.isMissingNode() || value.isNull()) {
            if (required) {
                out.add(StatusCause.required(field));
            }
            return;
        }
        int port = value.asInt(-1);
        if ((port != 0 || required) && (port < 1 || port > 65535)) {
            out.add(StatusCause.invalid(field, port, "must be between 1 and 65535, inclusive"));
        }
    }

    static void protocol(String field, JsonNode value, List<StatusCause> out) {
        String p = value.asText("TCP");
        if (!List.of("TCP", "UDP", "SCTP").contains(p)) {
            out.add(StatusCause.notSupported(field, p, List.of("SCTP", "TCP", "UDP")));
        }
    }
}
