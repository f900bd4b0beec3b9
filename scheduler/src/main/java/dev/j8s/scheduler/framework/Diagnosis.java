package dev.j8s.scheduler.framework;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What went wrong in a failed cycle: per-node statuses, the plugins that rejected the pod (the
 * queue uses them to decide which cluster events may help), and the PreFilter/PostFilter messages.
 */
public final class Diagnosis {

    private final NodeToStatus nodeToStatus;
    private final Set<String> unschedulablePlugins = new LinkedHashSet<>();
    private String preFilterMessage = "";
    private String postFilterMessage = "";

    public Diagnosis() {
        this(new NodeToStatus());
    }

    public Diagnosis(NodeToStatus nodeToStatus) {
        this.nodeToStatus = nodeToStatus;
    }

    public NodeToStatus nodeToStatus() {
        return nodeToStatus;
    }

    public Set<String> unschedulablePlugins() {
        return unschedulablePlugins;
    }

    public void addPluginStatus(Status status) {
        if (status.plugin() != null && status.isRejected()) {
            unschedulablePlugins.add(status.plugin());
        }
    }

    public String preFilterMessage() {
        return preFilterMessage;
    }

    public void setPreFilterMessage(String message) {
        this.preFilterMessage = message;
    }

    public String postFilterMessage() {
        return postFilterMessage;
    }

    public void setPostFilterMessage(String message) {
        this.postFilterMessage = message;
    }
}
