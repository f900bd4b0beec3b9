package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * What a pod asks of a node, computed as Kubernetes' {@code resourcehelper.PodRequests}: the sum
 * of the app containers (plus sidecars, init containers with restartPolicy Always), or the largest
 * init container together with the sidecars started before it, whichever is larger; plus overhead.
 */
public final class PodRequests {

    /** Kubernetes' DefaultMilliCPURequest: what scoring assumes for a container without a CPU request. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** Kubernetes' DefaultMemoryRequest (200 MiB). */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private PodRequests() {
    }

    public static Resource of(PodSpec spec) {
        return compute(spec, false);
    }

    /**
     * The requests scoring uses ({@code NonMissingContainerRequests}): a container that requests
     * no CPU or memory counts as requesting the defaults, so best-effort pods still spread.
     */
    public static Resource nonZero(PodSpec spec) {
        return compute(spec, true);
    }

    private static Resource compute(PodSpec spec, boolean nonZero) {
        Resource requests = new Resource();
        for (Container container : list(spec.getContainers())) {
            requests.add(containerRequests(container, nonZero));
        }
        Resource sidecars = new Resource();
        Resource largestInit = new Resource();
        for (Container init : list(spec.getInitContainers())) {
            Resource containerRequests = containerRequests(init, nonZero);
            if ("Always".equals(init.getRestartPolicy())) {
                // a sidecar keeps running next to the app containers and the later init containers
                requests.add(containerRequests);
                sidecars.add(containerRequests);
                largestInit.setMax(sidecars);
            } else {
                Resource whileRunning = sidecars.copy();
                whileRunning.add(containerRequests);
                largestInit.setMax(whileRunning);
            }
        }
        requests.setMax(largestInit);
        requests.add(spec.getOverhead());
        return requests;
    }

    private static Resource containerRequests(Container container, boolean nonZero) {
        Map<String, Quantity> declared = container.getResources() == null ? null : container.getResources().getRequests();
        Resource r = Resource.of(declared);
        if (nonZero) {
            if (declared == null || !declared.containsKey(Resource.CPU)) {
                r.setMilliCpu(DEFAULT_MILLI_CPU_REQUEST);
            }
            if (declared == null || !declared.containsKey(Resource.MEMORY)) {
                r.setMemory(DEFAULT_MEMORY_REQUEST);
            }
        }
        return r;
    }

    private static <T> List<T> list(List<T> maybeNull) {
        return maybeNull == null ? List.of() : maybeNull;
    }
}
