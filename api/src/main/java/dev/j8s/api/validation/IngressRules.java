package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.List;

/** Ingress validation (pkg/apis/networking/validation): hosts, path types, paths and backends. */
final class IngressRules {

    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");

    private IngressRules() {}

    static void validate(JsonNode ingress, List<StatusCause> out) {
        JsonNode spec = ingress.path("spec");
        if (spec.path("rules").isEmpty() && !spec.has("defaultBackend")) {
            out.add(StatusCause.invalid("spec.rules", "[]", "either `defaultBackend` or `rules` must be specified"));
        }
        if (spec.has("defaultBackend")) {
            backend(spec.path("defaultBackend"), "spec.defaultBackend", out);
        }
        int r = 0;
        for (JsonNode rule : spec.path("rules")) {
            String at = "spec.rules[" + r++ + "]";
            String host = rule.path("host").asText("");
            if (!host.isEmpty()) {
                Names.dnsSubdomain(at + ".host", host.startsWith("*.") ? host.substring(2) : host, out);
            }
            int p = 0;
            for (JsonNode path : rule.path("http").path("paths")) {
                String pat = at + ".http.paths[" + p++ + "]";
                String type = path.path("pathType").asText("");
                if (type.isEmpty()) {
                    out.add(StatusCause.required(pat + ".pathType"));
                } else if (!PATH_TYPES.contains(type)) {
                    out.add(StatusCause.notSupported(pat + ".pathType", type, PATH_TYPES));
                }
                String value = path.path("path").asText("");
                if ((type.equals("Exact") || type.equals("Prefix")) && !value.startsWith("/")) {
                    out.add(StatusCause.invalid(pat + ".path", value, "must be an absolute path"));
                }
                backend(path.path("backend"), pat + ".backend", out);
            }
        }
    }

    private static void backend(JsonNode backend, String path, List<StatusCause> out) {
        JsonNode service = backend.path("service");
        if (service.isMissingNode() && !backend.has("resource")) {
            out.add(StatusCause.invalid(path, "", "one backend (`service` or `resource`) must be specified"));
            return;
        }
        if (!service.isMissingNode()) {
            String name = service.path("name").asText("");
            if (name.isEmpty()) {
                out.add(StatusCause.required(path + ".service.name"));
            } else {
                Names.dnsLabel(path + ".service.name", name, out);
            }
            JsonNode port = service.path("port");
            if (!port.has("number") && !port.has("name")) {
                out.add(StatusCause.invalid(path + ".service.port", "", "port name or number is required"));
            } else if (port.has("number")) {
                PodSpecRules.portNumber(path + ".service.port.number", port.path("number"), true, out);
            }
        }
    }
}
