package dev.j8s.apiserver.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Which container of a pod a log or exec request means, with kube-apiserver's errors when that is unclear. */
final class PodContainers {

    private PodContainers() {}

    static String choose(JsonNode pod, String requested) {
        String name = pod.path("metadata").path("name").asText();
        List<String> containers = names(pod.path("spec").path("containers"));
        List<String> init = names(pod.path("spec").path("initContainers"));
        List<String> ephemeral = names(pod.path("spec").path("ephemeralContainers"));
        if (requested == null || requested.isEmpty()) {
            if (containers.size() == 1) {
                return containers.get(0);
            }
            StringBuilder message = new StringBuilder("a container name must be specified for pod " + name
                    + ", choose one of: " + bracket(containers));
            if (!init.isEmpty()) {
                message.append(" or one of the init containers: ").append(bracket(init));
            }
            if (!ephemeral.isEmpty()) {
                message.append(" or one of the ephemeral containers: ").append(bracket(ephemeral));
            }
            throw ApiException.badRequest(message.toString());
        }
        if (!containers.contains(requested) && !init.contains(requested) && !ephemeral.contains(requested)) {
            throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
        }
        return requested;
    }

    /** The reason a container has not started, from its status (ContainerCreating when there is none yet). */
    static String waitingReason(JsonNode pod, String container) {
        for (String field : List.of("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses")) {
            for (JsonNode status : pod.path("status").path(field)) {
                if (container.equals(status.path("name").asText())) {
                    JsonNode waiting = status.path("state").path("waiting");
                    return waiting.isMissingNode() ? null : waiting.path("reason").asText("ContainerCreating");
                }
            }
        }
        return "ContainerCreating";
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(c -> out.add(c.path("name").asText()));
        return out;
    }

    /** Go's %v of a string slice: [a b]. */
    private static String bracket(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
