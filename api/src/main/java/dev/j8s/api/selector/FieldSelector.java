package dev.j8s.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A field selector ({@code metadata.name=web,status.phase!=Running}) and the fields each resource
 * lets clients select on, as Kubernetes' field label conversion functions define them.
 */
public final class FieldSelector {

    private record Term(String field, boolean equals, String value) {}

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

    /** Fields beyond metadata.name/namespace, per "group/plural". */
    private static final Map<String, Set<String>> SUPPORTED = Map.ofEntries(
            Map.entry("/pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                    "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
                    "status.nominatedNodeName")),
            Map.entry("/events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type")),
            Map.entry("/secrets", Set.of("type")),
            Map.entry("/namespaces", Set.of("status.phase")),
            Map.entry("/nodes", Set.of("spec.unschedulable")),
            Map.entry("/replicationcontrollers", Set.of("status.replicas")),
            Map.entry("apps/replicasets", Set.of("status.replicas")),
            Map.entry("batch/jobs", Set.of("status.successful")),
            Map.entry("/services", Set.of("spec.clusterIP", "spec.type")),
            Map.entry("events.k8s.io/events", Set.of("regarding.kind", "regarding.namespace", "regarding.name",
                    "regarding.uid", "reason", "type", "reportingController")));

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(selector, ',')) {
            if (part.isBlank()) {
                continue;
            }
            int idx;
            boolean equals;
            int len;
            if ((idx = indexUnescaped(part, "!=")) >= 0) {
                equals = false;
                len = 2;
            } else if ((idx = indexUnescaped(part, "==")) >= 0) {
                equals = true;
                len = 2;
            } else if ((idx = indexUnescaped(part, "=")) >= 0) {
                equals = true;
                len = 1;
            } else {
                throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + part + "'");
            }
            String field = unescape(part.substring(0, idx).trim());
            String value = unescape(part.substring(idx + len).trim());
            terms.add(new Term(field, equals, value));
        }
        return new FieldSelector(terms);
    }

    public Set<String> fields() {
        Set<String> out = new LinkedHashSet<>();
        terms.forEach(t -> out.add(t.field()));
        return out;
    }

    public boolean matches(Function<String, String> fieldValue) {
        for (Term t : terms) {
            String actual = fieldValue.apply(t.field());
            boolean same = t.value().equals(actual == null ? "" : actual);
            if (same != t.equals()) {
                return false;
            }
        }
        return true;
    }

    public static boolean supports(ResourceType type, String field) {
        return COMMON.contains(field)
                || SUPPORTED.getOrDefault(type.group() + "/" + type.plural(), Set.of()).contains(field);
    }

    /** The value of a selectable field of an object; empty if the resource does not support it. */
    public static Optional<String> valueOf(ResourceType type, JsonNode object, String field) {
        if (!supports(type, field)) {
            return Optional.empty();
        }
        if (field.equals("source") && type.plural().equals("events")) {
            return Optional.of(object.path("source").path("component").asText(""));
        }
        if (field.equals("status.podIPs")) {
            return Optional.of(object.path("status").path("podIPs").path(0).path("ip").asText(""));
        }
        JsonNode node = object;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            // Unset booleans select as "false", as Kubernetes formats them.
            return Optional.of(field.equals("spec.unschedulable") || field.equals("spec.hostNetwork") ? "false" : "");
        }
        return Optional.of(node.asText());
    }

    private static List<String> splitUnescaped(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
            } else if (c == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int indexUnescaped(String s, String op) {
        for (int i = 0; i + op.length() <= s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
                continue;
            }
            if (s.startsWith(op, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length() || "\\,=".indexOf(s.charAt(i + 1)) < 0) {
                    throw ApiException.badRequest("invalid field selector: invalid escape sequence in '" + s + "'");
                }
                out.append(s.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
