package dev.j8s.scheduler.plugins.imagelocality;

import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.NodeInfoLister;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.ScorePlugin;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Favours nodes that already hold the pod's images, weighted by image size and damped by how
 * widespread the image is (an image on every node says nothing). Kubernetes' thresholds: below
 * 23 MiB scores 0, at 1000 MiB per container scores 100.
 */
public final class ImageLocality implements ScorePlugin {

    public static final String NAME = "ImageLocality";
    private static final long MB = 1024 * 1024;
    static final long MIN_THRESHOLD = 23 * MB;
    static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;

    private final Supplier<NodeInfoLister> nodes;

    /** {@code nodes} gives the cycle's snapshot (the framework's handle). */
    public ImageLocality(Supplier<NodeInfoLister> nodes) {
        this.nodes = nodes;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long score(CycleState state, PodInfo pod, NodeInfo node) {
        if (node.imageSizes().isEmpty()) {
            return 0;
        }
        NodeInfoLister snapshot = nodes.get();
        int totalNodes = snapshot.list().size();
        List<Container> containers = containers(pod);
        long sum = 0;
        for (Container container : containers) {
            if (container.getImage() == null) {
                continue;
            }
            String image = NodeInfo.normalizedImageName(container.getImage());
            Long size = node.imageSizes().get(image);
            if (size != null) {
                // spread = share of nodes holding the image; Kubernetes truncates to int64
                sum += (long) (size * ((double) snapshot.nodesWithImage(image) / totalNodes));
            }
        }
        return scaled(sum, containers.size());
    }

    static long scaled(long sumScores, int numContainers) {
        if (numContainers == 0) {
            return 0;
        }
        long maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
        long clamped = Math.max(MIN_THRESHOLD, Math.min(maxThreshold, sumScores));
        return MAX_NODE_SCORE * (clamped - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }

    private static List<Container> containers(PodInfo pod) {
        List<Container> all = new ArrayList<>();
        if (pod.spec().getInitContainers() != null) {
            all.addAll(pod.spec().getInitContainers());
        }
        if (pod.spec().getContainers() != null) {
            all.addAll(pod.spec().getContainers());
        }
        return all;
    }
}
