package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** networking.k8s.io/v1 Ingress: {@code ValidateIngressSpec} (rules, paths, backends, TLS hosts). */
final class IngressRules implements KindRules {

    private static final FieldPath SPEC = FieldPath.root("spec");
    private static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
    private static final List<String> INVALID_PATH_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
    private static final List<String> INVALID_PATH_SUFFIXES = List.of("/..", "/.");

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        List<JsonNode> rules = Nodes.items(spec, "rules");
        JsonNode defaultBackend = Nodes.get(spec, "defaultBackend");
        if (rules.isEmpty() && defaultBackend.isMissingNode()) {
            errs.invalid(SPEC, new GoValues.Literal(spec.toString()), "either `defaultBackend` or `rules` must be specified");
        }
        if (!defaultBackend.isMissingNode()) {
            validateBackend(defaultBackend, SPEC.child("defaultBackend"), errs);
        }
        for (int i = 0; i < rules.size(); i++) {
            validateRule(rules.get(i), SPEC.child("rules").index(i), errs);
        }
        List<JsonNode> tls = Nodes.items(spec, "tls");
        for (int i = 0; i < tls.size(); i++) {
            List<JsonNode> hosts = Nodes.items(tls.get(i), "hosts");
            for (int j = 0; j < hosts.size(); j++) {
                String host = hosts.get(j).asText();
                FieldPath hp = SPEC.child("tls").index(i).child("hosts").index(j);
                errs.invalidEach(hp, host, host.contains("*") ? NameRules.wildcardDns1123Subdomain(host)
                        : NameRules.dns1123Subdomain(host));
            }
        }
        String className = Nodes.text(spec, "ingressClassName");
        if (Nodes.has(spec, "ingressClassName")) {
            errs.invalidEach(SPEC.child("ingressClassName"), className, NameRules.dns1123Subdomain(className));
        }
    }

    private static void validateRule(JsonNode rule, FieldPath path, FieldErrors errs) {
        String host = Nodes.text(rule, "host");
        if (!host.isEmpty()) {
            if (isIpAddress(host)) {
                errs.invalid(path.child("host"), host, "must be a DNS name, not an IP address");
            }
            errs.invalidEach(path.child("host"), host, host.contains("*") ? NameRules.wildcardDns1123Subdomain(host)
                    : NameRules.dns1123Subdomain(host));
        }
        JsonNode http = Nodes.get(rule, "http");
        if (http.isMissingNode()) {
            return;
        }
        List<JsonNode> paths = Nodes.items(http, "paths");
        FieldPath pathsPath = path.child("http", "paths");
        if (paths.isEmpty()) {
            errs.required(pathsPath, "");
        }
        for (int i = 0; i < paths.size(); i++) {
            validatePath(paths.get(i), pathsPath.index(i), errs);
        }
    }

    private static void validatePath(JsonNode p, FieldPath path, FieldErrors errs) {
        String value = Nodes.text(p, "path");
        String pathType = Nodes.text(p, "pathType");
        if (pathType.isEmpty()) {
            errs.required(path.child("pathType"), "pathType must be specified");
        } else if (!PATH_TYPES.contains(pathType)) {
            errs.notSupported(path.child("pathType"), pathType, PATH_TYPES);
        } else if (pathType.equals("ImplementationSpecific")) {
            if (!value.isEmpty() && !value.startsWith("/")) {
                errs.invalid(path.child("path"), value, "must be an absolute path");
            }
        } else {
            // Exact and Prefix paths are matched literally, so they must be clean absolute paths.
            if (!value.startsWith("/")) {
                errs.invalid(path.child("path"), value, "must be an absolute path");
            }
            for (String seq : INVALID_PATH_SEQUENCES) {
                if (value.contains(seq)) {
                    errs.invalid(path.child("path"), value, "must not contain '" + seq + "'");
                }
            }
            for (String suffix : INVALID_PATH_SUFFIXES) {
                if (value.endsWith(suffix)) {
                    errs.invalid(path.child("path"), value, "cannot end with '" + suffix + "'");
                }
            }
        }
        validateBackend(Nodes.get(p, "backend"), path.child("backend"), errs);
    }

    /** A backend is a Service (name + port name or number) or a typed resource, not both. */
    private static void validateBackend(JsonNode backend, FieldPath path, FieldErrors errs) {
        JsonNode service = Nodes.get(backend, "service");
        JsonNode resource = Nodes.get(backend, "resource");
        if (!service.isMissingNode() && !resource.isMissingNode()) {
            errs.invalid(path, new GoValues.Literal(backend.toString()), "cannot set both resource and service backends");
            return;
        }
        if (!resource.isMissingNode()) {
            return;
        }
        if (service.isMissingNode()) {
            errs.invalid(path, new GoValues.Literal(backend.toString()), "resource or service backend is required");
            return;
        }
        String name = Nodes.text(service, "name");
        FieldPath sp = path.child("service");
        if (name.isEmpty()) {
            errs.required(sp.child("name"), "");
        } else {
            errs.invalidEach(sp.child("name"), name, NameRules.dns1035Label(name));
        }
        JsonNode port = Nodes.get(service, "port");
        boolean hasName = !Nodes.text(port, "name").isEmpty();
        boolean hasNumber = Nodes.numberOr(port, "number", 0) != 0;
        if (hasName && hasNumber) {
            errs.invalid(sp.child("port"), new GoValues.Literal(port.toString()), "cannot set both port name & port number");
        } else if (hasName) {
            String portName = Nodes.text(port, "name");
            errs.invalidEach(sp.child("port", "name"), portName, NameRules.portName(portName));
        } else if (hasNumber) {
            long number = Nodes.numberOr(port, "number", 0);
            errs.invalidEach(sp.child("port", "number"), number, NameRules.portNumber(number));
        } else {
            errs.required(sp.child("port"), "port name or number is required");
        }
    }

    private static boolean isIpAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (host.contains(":") && host.matches("[0-9a-fA-F:.]+"));
    }
}
