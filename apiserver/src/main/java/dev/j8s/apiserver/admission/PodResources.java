package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a pod asks for in total, as {@code k8s.io/component-helpers/resource} computes it: the sum
 * of its containers, raised to the largest init container (restartable "sidecar" init containers
 * add up with the containers that start after them), plus the pod overhead when asked for.
 */
public final class PodResources {

    private PodResources() {}

    public static ResourceList requests(JsonNode pod, boolean withOverhead) {
        ResourceList sum = aggregate(pod, "requests");
        if (withOverhead) {
            sum = sum.plus(ResourceList.fromJson(pod.path("spec").path("overhead")));
        }
        return sum;
    }

    public static ResourceList limits(JsonNode pod, boolean withOverhead) {
        ResourceList sum = aggregate(pod, "limits");
        if (!withOverhead) {
            return sum;
        }
        // Overhead is added only to resources that already have a limit.
        ResourceList overhead = ResourceList.fromJson(pod.path("spec").path("overhead"));
        return sum.plus(overhead.mask(sum.names()));
    }

    /** The containers and init containers of a pod, init containers last. */
    public static List<JsonNode> allContainers(JsonNode pod) {
        List<JsonNode> out = new ArrayList<>();
        pod.path("spec").path("containers").forEach(out::add);
        pod.path("spec").path("initContainers").forEach(out::add);
        return out;
    }

    private static ResourceList aggregate(JsonNode pod, String field) {
        ResourceList total = ResourceList.EMPTY;
        for (JsonNode c : pod.path("spec").path("containers")) {
            total = total.plus(ResourceList.fromJson(c.path("resources").path(field)));
        }
        ResourceList sidecars = ResourceList.EMPTY;
        ResourceList initPeak = ResourceList.EMPTY;
        for (JsonNode c : pod.path("spec").path("initContainers")) {
            ResourceList own = ResourceList.fromJson(c.path("resources").path(field));
            ResourceList whileRunning;
            if ("Always".equals(c.path("restartPolicy").asText())) {
                total = total.plus(own);
                sidecars = sidecars.plus(own);
                whileRunning = sidecars;
            } else {
                whileRunning = own.plus(sidecars);
            }
            initPeak = max(initPeak, whileRunning);
        }
        return max(total, initPeak);
    }

    /** maxResourceList: per name, the larger amount. */
    private static ResourceList max(ResourceList a, ResourceList b) {
        TreeMap<String, Amount> out = new TreeMap<>();
        for (String name : a.names()) {
            out.put(name, a.get(name));
        }
        for (String name : b.names()) {
            Amount kept = out.get(name);
            if (kept == null || kept.compareTo(b.get(name)) < 0) {
                out.put(name, b.get(name));
            }
        }
        return ResourceList.of(out);
    }
}
