package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.StatusCause;
import java.util.List;

/** CustomResourceDefinition validation (apiextensions validation), the rules that shape serving. */
final class CrdRules {

    private CrdRules() {}

    static void validate(JsonNode crd, JsonNode old, List<StatusCause> out) {
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asText("");
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asText("");
        if (group.isEmpty()) {
            out.add(StatusCause.required("spec.group"));
        } else if (!group.contains(".")) {
            out.add(StatusCause.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
        if (plural.isEmpty()) {
            out.add(StatusCause.required("spec.names.plural"));
        } else {
            for (String error : NameRules.dns1123Label(plural)) {
                out.add(StatusCause.invalid("spec.names.plural", plural, error));
            }
        }
        if (names.path("kind").asText("").isEmpty()) {
            out.add(StatusCause.required("spec.names.kind"));
        }
        String name = crd.path("metadata").path("name").asText("");
        if (!name.equals(plural + "." + group)) {
            out.add(StatusCause.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            out.add(StatusCause.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
        }
        JsonNode versions = spec.path("versions");
        if (versions.isEmpty()) {
            out.add(StatusCause.required("spec.versions"));
        }
        int storage = 0;
        for (JsonNode v : versions) {
            if (v.path("storage").asBoolean(false)) {
                storage++;
            }
        }
        if (!versions.isEmpty() && storage != 1) {
            out.add(StatusCause.invalid("spec.versions", storage, "must have exactly one version marked as storage "
                    + "version"));
        }
        if (old != null) {
            if (!old.path("spec").path("group").asText("").equals(group)) {
                out.add(StatusCause.invalid("spec.group", group, "field is immutable"));
            }
            if (!old.path("spec").path("names").path("plural").asText("").equals(plural)) {
                out.add(StatusCause.invalid("spec.names.plural", plural, "field is immutable"));
            }
        }
    }
}
