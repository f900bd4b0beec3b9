package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Container checks of {@code ValidatePodSpec}: names, image, ports, env, mounts, resources, probes. */
final class ContainerRules {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
    private static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");

    private ContainerRules() {}

    /**
     * Validates one list of containers.
     *
     * @param names   container names already seen in the pod (init and regular containers share one namespace)
     * @param volumes volume names declared by the pod, for volumeMounts
     */
    static void validate(List<JsonNode> containers, FieldPath path, Set<String> names, Set<String> volumes,
                         FieldErrors errs) {
        for (int i = 0; i < containers.size(); i++) {
            JsonNode c = containers.get(i);
            FieldPath cp = path.index(i);
            String name = Nodes.text(c, "name");
            if (name.isEmpty()) {
                errs.required(cp.child("name"), "");
            } else {
                errs.invalidEach(cp.child("name"), name, NameRules.dns1123Label(name));
            }
            if (!name.isEmpty() && !names.add(name)) {
                errs.duplicate(cp.child("name"), name);
            }
            if (Nodes.text(c, "image").isEmpty()) {
                errs.required(cp.child("image"), "");
            }
            enumValue(c, "imagePullPolicy", PULL_POLICIES, cp, errs);
            enumValue(c, "terminationMessagePolicy", TERMINATION_MESSAGE_POLICIES, cp, errs);
            validatePorts(Nodes.items(c, "ports"), cp.child("ports"), errs);
            validateEnv(Nodes.items(c, "env"), cp.child("env"), errs);
            validateVolumeMounts(Nodes.items(c, "volumeMounts"), cp.child("volumeMounts"), volumes, errs);
            validateResources(Nodes.get(c, "resources"), cp.child("resources"), errs);
            validateProbe(Nodes.get(c, "livenessProbe"), cp.child("livenessProbe"), true, errs);
            validateProbe(Nodes.get(c, "readinessProbe"), cp.child("readinessProbe"), false, errs);
            validateProbe(Nodes.get(c, "startupProbe"), cp.child("startupProbe"), true, errs);
        }
    }

    static void validatePorts(List<JsonNode> ports, FieldPath path, FieldErrors errs) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode p = ports.get(i);
            FieldPath pp = path.index(i);
            String name = Nodes.text(p, "name");
            if (!name.isEmpty()) {
                List<String> msgs = NameRules.portName(name);
                if (!msgs.isEmpty()) {
                    errs.invalidEach(pp.child("name"), name, msgs);
                } else if (!names.add(name)) {
                    errs.duplicate(pp.child("name"), name);
                }
            }
            long containerPort = Nodes.numberOr(p, "containerPort", 0);
            if (containerPort == 0) {
                errs.required(pp.child("containerPort"), "");
            } else {
                errs.invalidEach(pp.child("containerPort"), containerPort, NameRules.portNumber(containerPort));
            }
            long hostPort = Nodes.numberOr(p, "hostPort", 0);
            if (hostPort != 0) {
                errs.invalidEach(pp.child("hostPort"), hostPort, NameRules.portNumber(hostPort));
            }
            String protocol = Nodes.text(p, "protocol");
            if (protocol.isEmpty()) {
                errs.required(pp.child("protocol"), "");
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.notSupported(pp.child("protocol"), protocol, PROTOCOLS);
            }
        }
    }

    private static void validateEnv(List<JsonNode> env, FieldPath path, FieldErrors errs) {
        for (int i = 0; i < env.size(); i++) {
            JsonNode e = env.get(i);
            FieldPath ep = path.index(i);
            String name = Nodes.text(e, "name");
            if (name.isEmpty()) {
                errs.required(ep.child("name"), "");
            } else {
                errs.invalidEach(ep.child("name"), name, NameRules.relaxedEnvVarName(name));
            }
            if (Nodes.has(e, "valueFrom") && !Nodes.text(e, "value").isEmpty()) {
                errs.invalid(ep.child("valueFrom"), "", "may not be specified when `value` is not empty");
            }
        }
    }

    private static void validateVolumeMounts(List<JsonNode> mounts, FieldPath path, Set<String> volumes,
                                             FieldErrors errs) {
        Set<String> mountPoints = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            JsonNode m = mounts.get(i);
            FieldPath mp = path.index(i);
            String name = Nodes.text(m, "name");
            if (name.isEmpty()) {
                errs.required(mp.child("name"), "");
            }
            if (!volumes.contains(name)) {
                errs.notFound(mp.child("name"), name);
            }
            String mountPath = Nodes.text(m, "mountPath");
            if (mountPath.isEmpty()) {
                errs.required(mp.child("mountPath"), "");
            }
            if (!mountPath.isEmpty() && !mountPoints.add(mountPath)) {
                errs.invalid(mp.child("mountPath"), mountPath, "must be unique");
            }
        }
    }

    /** {@code ValidateResourceRequirements}: known names, non-negative, requests ≤ limits. */
    static void validateResources(JsonNode resources, FieldPath path, FieldErrors errs) {
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        Map<String, String> limits = Nodes.stringMap(resources, "limits");
        Map<String, String> requests = Nodes.stringMap(resources, "requests");
        limits.forEach((name, value) -> {
            validateResourceName(name, limPath.key(name), errs);
            nonNegativeQuantity(value, limPath.key(name), errs);
        });
        requests.forEach((name, value) -> {
            validateResourceName(name, reqPath.key(name), errs);
            nonNegativeQuantity(value, reqPath.key(name), errs);
            String limit = limits.get(name);
            BigDecimal req = amount(value);
            BigDecimal lim = limit == null ? null : amount(limit);
            if (req != null && lim != null) {
                if (req.compareTo(lim) != 0 && !overcommitAllowed(name)) {
                    errs.invalid(reqPath, value, "must be equal to " + name + " limit of " + limit);
                } else if (req.compareTo(lim) > 0) {
                    errs.invalid(reqPath, value, "must be less than or equal to " + name + " limit of " + limit);
                }
            }
        });
    }

    private static void validateProbe(JsonNode probe, FieldPath path, boolean successMustBeOne, FieldErrors errs) {
        if (probe.isMissingNode()) {
            return;
        }
        long handlers = PROBE_HANDLERS.stream().filter(h -> Nodes.has(probe, h)).count();
        if (handlers == 0) {
            errs.required(path, "must specify a handler type");
        } else if (handlers > 1) {
            errs.forbidden(path, "may not specify more than 1 handler type");
        }
        for (String f : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
                "failureThreshold")) {
            errs.nonNegative(path.child(f), Nodes.number(probe, f));
        }
        Long success = Nodes.number(probe, "successThreshold");
        if (successMustBeOne && success != null && success != 1) {
            errs.invalid(path.child("successThreshold"), success, "must be 1");
        }
        JsonNode httpGet = Nodes.get(probe, "httpGet");
        if (!httpGet.isMissingNode()) {
            validatePortNumOrName(Nodes.get(httpGet, "port"), path.child("httpGet", "port"), errs);
            String scheme = Nodes.text(httpGet, "scheme");
            if (!scheme.isEmpty() && !List.of("HTTP", "HTTPS").contains(scheme)) {
                errs.notSupported(path.child("httpGet", "scheme"), scheme, List.of("HTTP", "HTTPS"));
            }
        }
        JsonNode tcp = Nodes.get(probe, "tcpSocket");
        if (!tcp.isMissingNode()) {
            validatePortNumOrName(Nodes.get(tcp, "port"), path.child("tcpSocket", "port"), errs);
        }
    }

    /** {@code ValidatePortNumOrName}: an int in 1-65535 or an IANA service name. */
    static void validatePortNumOrName(JsonNode port, FieldPath path, FieldErrors errs) {
        if (port.isTextual()) {
            String name = port.asText();
            if (name.isEmpty()) {
                errs.required(path, "");
            } else {
                errs.invalidEach(path, name, NameRules.portName(name));
            }
        } else {
            long n = port.asLong(0);
            errs.invalidEach(path, n, NameRules.portNumber(n));
        }
    }

    private static void enumValue(JsonNode c, String field, List<String> allowed, FieldPath path, FieldErrors errs) {
        String v = Nodes.text(c, field);
        if (!v.isEmpty() && !allowed.contains(v)) {
            errs.notSupported(path.child(field), v, allowed);
        }
    }

    private static void validateResourceName(String name, FieldPath path, FieldErrors errs) {
        if (name.contains("/")) {
            errs.invalidEach(path, name, NameRules.qualifiedName(name));
        } else if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith("hugepages-")) {
            errs.invalid(path, name, "must be a standard resource for containers");
        }
    }

    private static void nonNegativeQuantity(String value, FieldPath path, FieldErrors errs) {
        BigDecimal amount = amount(value);
        if (amount == null) {
            errs.invalid(path, value, "must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        } else if (amount.signum() < 0) {
            errs.invalid(path, value, "must be greater than or equal to 0");
        }
    }

    /** {@code IsOvercommitAllowed}: native resources except hugepages; extended resources need request == limit. */
    private static boolean overcommitAllowed(String name) {
        boolean nativeResource = !name.contains("/") || name.contains("kubernetes.io/");
        return nativeResource && !name.startsWith("hugepages-");
    }

    private static BigDecimal amount(String value) {
        try {
            return Quantity.getAmountInBytes(new Quantity(value));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
