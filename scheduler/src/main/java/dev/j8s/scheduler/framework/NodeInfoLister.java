package dev.j8s.scheduler.framework;

import java.util.List;

/** The nodes of the cycle's snapshot, as Kubernetes' {@code SharedLister.NodeInfos()}. */
public interface NodeInfoLister {

    List<NodeInfo> list();

    /** Nodes hosting at least one pod with (required or preferred) pod affinity or anti-affinity. */
    List<NodeInfo> havePodsWithAffinity();

    /** Nodes hosting at least one pod with required pod anti-affinity. */
    List<NodeInfo> havePodsWithRequiredAntiAffinity();

    /** The node, or null. */
    NodeInfo get(String nodeName);

    /** On how many nodes the (normalized) image is present, for ImageLocality's spread factor. */
    int nodesWithImage(String image);
}
