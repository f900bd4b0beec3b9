package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import java.util.List;

/** admission.NewForbidden: {@code pods "web" is forbidden: <reason>}, 403 with the object named in the details. */
final class Denials {

    private Denials() {}

    static ApiException forbidden(ResourceType type, JsonNode object, String reason) {
        String name = requestedName(object);
        return new ApiException(403, "Forbidden", type.groupResource() + " \"" + name + "\" is forbidden: " + reason,
                type.group(), type.plural(), name, List.of(), null);
    }

    /**
     * Admission runs before Kubernetes generates a name, so a generated name is reported as its
     * generateName prefix; j8s has already generated it by then.
     */
    static String requestedName(JsonNode object) {
        String name = object.path("metadata").path("name").asText("");
        String prefix = object.path("metadata").path("generateName").asText("");
        if (!prefix.isEmpty() && name.startsWith(prefix) && name.length() == prefix.length() + 5) {
            return prefix;
        }
        return name;
    }
}
