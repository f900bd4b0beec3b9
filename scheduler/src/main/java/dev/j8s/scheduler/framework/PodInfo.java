package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod with everything the plugins ask about it parsed once (Kubernetes' {@code framework.PodInfo}):
 * requests, host ports, compiled affinity terms, priority. Immutable; the pod object must not be
 * changed after it is wrapped.
 */
public final class PodInfo {

    private final Pod pod;
    private final String key;
    private final String namespace;
    private final Map<String, String> labels;
    private final int priority;
    private final Resource requests;
    private final Resource nonZeroRequests;
    private final List<HostPort> hostPorts;
    private final List<Toleration> tolerations;
    private final List<AffinityTerm> requiredAffinity;
    private final List<AffinityTerm> requiredAntiAffinity;
    private final List<AffinityTerm> preferredAffinity;
    private final List<AffinityTerm> preferredAntiAffinity;

    private PodInfo(Pod pod) {
        this.pod = pod;
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        this.key = keyOf(pod);
        this.namespace = pod.getMetadata().getNamespace() == null ? "default" : pod.getMetadata().getNamespace();
        this.labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        this.priority = spec.getPriority() == null ? 0 : spec.getPriority();
        this.requests = PodRequests.of(spec);
        this.nonZeroRequests = PodRequests.nonZero(spec);
        this.hostPorts = hostPorts(spec);
        this.tolerations = spec.getTolerations() == null ? List.of() : List.copyOf(spec.getTolerations());
        Affinity affinity = spec.getAffinity();
        boolean hasPodAffinity = affinity != null && affinity.getPodAffinity() != null;
        boolean hasPodAntiAffinity = affinity != null && affinity.getPodAntiAffinity() != null;
        this.requiredAffinity = hasPodAffinity
                ? terms(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) : List.of();
        this.requiredAntiAffinity = hasPodAntiAffinity
                ? terms(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()) : List.of();
        this.preferredAffinity = hasPodAffinity
                ? weighted(affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) : List.of();
        this.preferredAntiAffinity = hasPodAntiAffinity
                ? weighted(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()) : List.of();
    }

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    /** The cache key: the UID, as Kubernetes uses; namespace/name for pods not yet given one. */
    public static String keyOf(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid != null && !uid.isEmpty() ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    public Pod pod() {
        return pod;
    }

    public String key() {
        return key;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return pod.getMetadata().getName();
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** {@code spec.priority}, filled by the priority admission from the PriorityClass; 0 when absent. */
    public int priority() {
        return priority;
    }

    public Resource requests() {
        return requests;
    }

    public Resource nonZeroRequests() {
        return nonZeroRequests;
    }

    public List<HostPort> hostPorts() {
        return hostPorts;
    }

    public List<Toleration> tolerations() {
        return tolerations;
    }

    public List<AffinityTerm> requiredAffinity() {
        return requiredAffinity;
    }

    public List<AffinityTerm> requiredAntiAffinity() {
        return requiredAntiAffinity;
    }

    public List<AffinityTerm> preferredAffinity() {
        return preferredAffinity;
    }

    public List<AffinityTerm> preferredAntiAffinity() {
        return preferredAntiAffinity;
    }

    public boolean hasAffinity() {
        return !requiredAffinity.isEmpty() || !requiredAntiAffinity.isEmpty()
                || !preferredAffinity.isEmpty() || !preferredAntiAffinity.isEmpty();
    }

    public String nodeName() {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    public PodSpec spec() {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }

    public boolean terminating() {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    @Override
    public String toString() {
        return namespace + "/" + name();
    }

    private static List<HostPort> hostPorts(PodSpec spec) {
        if (spec.getContainers() == null) {
            return List.of();
        }
        List<HostPort> ports = new ArrayList<>();
        for (Container container : spec.getContainers()) {
            if (container.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    ports.add(HostPort.of(port.getHostIP(), port.getProtocol(), port.getHostPort()));
                }
            }
        }
        return List.copyOf(ports);
    }

    private List<AffinityTerm> terms(List<PodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        return terms.stream().map(t -> AffinityTerm.of(namespace, t, 0)).toList();
    }

    private List<AffinityTerm> weighted(List<WeightedPodAffinityTerm> terms) {
        if (terms == null || terms.isEmpty()) {
            return List.of();
        }
        return terms.stream().map(t -> AffinityTerm.of(namespace, t.getPodAffinityTerm(),
                t.getWeight() == null ? 0 : t.getWeight())).toList();
    }
}
