package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and the pods on it, aggregated the way the plugins read them (Kubernetes'
 * {@code framework.NodeInfo}): requested and allocatable resources, used host ports, pods with
 * affinity, image sizes. The cache owns one per node and bumps {@link #generation()} on each
 * change; a snapshot holds copies that are read-only during a cycle.
 */
public final class NodeInfo {

    private Node node;
    private String name;
    private Map<String, String> labels = Map.of();
    private List<Taint> taints = List.of();
    private boolean unschedulable;
    private Resource allocatable = new Resource();
    private Map<String, Long> imageSizes = Map.of();
    private List<PodInfo> pods = new ArrayList<>();
    private List<PodInfo> podsWithAffinity = new ArrayList<>();
    private List<PodInfo> podsWithRequiredAntiAffinity = new ArrayList<>();
    private Resource requested = new Resource();
    private Resource nonZeroRequested = new Resource();
    private UsedPorts usedPorts = new UsedPorts();
    private long generation;

    public NodeInfo() {
    }

    /** A NodeInfo for {@code node} holding {@code pods} (tests and preemption's what-if copies). */
    public static NodeInfo of(Node node, PodInfo... pods) {
        NodeInfo info = new NodeInfo();
        info.setNode(node);
        for (PodInfo pod : pods) {
            info.addPod(pod);
        }
        return info;
    }

    /** A NodeInfo holding pods that name a node the cache has not seen (yet, or any more). */
    public static NodeInfo placeholder(String name) {
        NodeInfo info = new NodeInfo();
        info.name = name;
        return info;
    }

    public void setNode(Node node) {
        this.node = node;
        this.name = node.getMetadata().getName();
        this.labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        this.taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        this.unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        this.allocatable = node.getStatus() == null ? new Resource() : Resource.of(node.getStatus().getAllocatable());
        this.imageSizes = imageSizes(node);
    }

    /** Forgets the node object (deleted) while pods still point at it. */
    public void clearNode() {
        this.node = null;
    }

    public void addPod(PodInfo pod) {
        pods.add(pod);
        if (pod.hasAffinity()) {
            podsWithAffinity.add(pod);
        }
        if (!pod.requiredAntiAffinity().isEmpty()) {
            podsWithRequiredAntiAffinity.add(pod);
        }
        account(pod, 1);
    }

    /** Removes the pod with {@code pod}'s key; false when it was not here. */
    public boolean removePod(PodInfo pod) {
        for (int i = 0; i < pods.size(); i++) {
            PodInfo existing = pods.get(i);
            if (existing.key().equals(pod.key())) {
                pods.remove(i);
                podsWithAffinity.removeIf(p -> p.key().equals(pod.key()));
                podsWithRequiredAntiAffinity.removeIf(p -> p.key().equals(pod.key()));
                account(existing, -1);
                return true;
            }
        }
        return false;
    }

    private void account(PodInfo pod, int sign) {
        if (sign > 0) {
            requested.add(pod.requests());
            nonZeroRequested.add(new Resource(pod.nonZeroRequests().milliCpu(), pod.nonZeroRequests().memory()));
            pod.hostPorts().forEach(usedPorts::add);
        } else {
            requested.subtract(pod.requests());
            nonZeroRequested.subtract(new Resource(pod.nonZeroRequests().milliCpu(), pod.nonZeroRequests().memory()));
            pod.hostPorts().forEach(usedPorts::remove);
        }
    }

    /** A copy whose pod lists and counters can change without touching this one. */
    public NodeInfo copy() {
        NodeInfo copy = new NodeInfo();
        copy.copyFrom(this);
        return copy;
    }

    /**
     * Makes this NodeInfo equal to {@code source}, sharing only immutable parts (node object,
     * PodInfos, image sizes). Snapshots update in place so their node lists stay valid.
     */
    public void copyFrom(NodeInfo source) {
        node = source.node;
        name = source.name;
        labels = source.labels;
        taints = source.taints;
        unschedulable = source.unschedulable;
        allocatable = source.allocatable;
        imageSizes = source.imageSizes;
        pods = new ArrayList<>(source.pods);
        podsWithAffinity = new ArrayList<>(source.podsWithAffinity);
        podsWithRequiredAntiAffinity = new ArrayList<>(source.podsWithRequiredAntiAffinity);
        requested = source.requested.copy();
        nonZeroRequested = source.nonZeroRequested.copy();
        usedPorts = source.usedPorts.copy();
        generation = source.generation;
    }

    public Node node() {
        return node;
    }

    public String name() {
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<Taint> taints() {
        return taints;
    }

    public boolean unschedulable() {
        return unschedulable;
    }

    public Resource allocatable() {
        return allocatable;
    }

    public Resource requested() {
        return requested;
    }

    /** Requests with the scoring defaults for containers that request no CPU or memory. */
    public Resource nonZeroRequested() {
        return nonZeroRequested;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    public List<PodInfo> podsWithAffinity() {
        return podsWithAffinity;
    }

    public List<PodInfo> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity;
    }

    public UsedPorts usedPorts() {
        return usedPorts;
    }

    /** Image size in bytes by normalized image name. */
    public Map<String, Long> imageSizes() {
        return imageSizes;
    }

    public long generation() {
        return generation;
    }

    public void setGeneration(long generation) {
        this.generation = generation;
    }

    @Override
    public String toString() {
        return "NodeInfo{" + name + ", pods=" + pods.size() + ", requested=" + requested + ", allocatable=" + allocatable + "}";
    }

    private static Map<String, Long> imageSizes(Node node) {
        if (node.getStatus() == null || node.getStatus().getImages() == null || node.getStatus().getImages().isEmpty()) {
            return Map.of();
        }
        Map<String, Long> sizes = new HashMap<>();
        for (ContainerImage image : node.getStatus().getImages()) {
            long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
            if (image.getNames() != null) {
                image.getNames().forEach(n -> sizes.put(normalizedImageName(n), size));
            }
        }
        return Map.copyOf(sizes);
    }

    /**
     * Kubernetes' {@code normalizedImageName}: an image without tag or digest means {@code :latest},
     * so {@code nginx} and {@code nginx:latest} are the same image.
     */
    public static String normalizedImageName(String image) {
        int lastSlash = image.lastIndexOf('/');
        String last = image.substring(lastSlash + 1);
        if (!last.contains(":") && !image.contains("@")) {
            return image + ":latest";
        }
        return image;
    }
}
