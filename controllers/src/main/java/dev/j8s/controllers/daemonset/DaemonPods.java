package dev.j8s.controllers.daemonset;

import dev.j8s.controllers.framework.ControllerRevisions;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Daemon pods as the controller writes and reads them. Since Kubernetes 1.12 a daemon pod is not
 * bound by the controller: it names its node through required node affinity
 * {@code matchFields metadata.name In [node]} and the scheduler binds it.
 */
final class DaemonPods {

    static final String NODE_NAME_FIELD = "metadata.name";

    private DaemonPods() {}

    /** util.CreatePodTemplate + ReplaceDaemonSetPodNodeNameNodeAffinity: the pod for {@code node}. */
    static Pod forNode(DaemonSet ds, String hash, String node) {
        PodTemplateSpec template = Copies.deepCopy(ds.getSpec().getTemplate());
        ObjectMeta templateMeta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setGenerateName(ds.getMetadata().getName() + "-");
        meta.setNamespace(ds.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>(templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
        labels.put(ControllerRevisions.HASH_LABEL, hash);
        meta.setLabels(labels);
        meta.setAnnotations(templateMeta.getAnnotations());
        meta.setFinalizers(templateMeta.getFinalizers());
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(ds)));
        PodSpec spec = template.getSpec();
        spec.setTolerations(DaemonPodTolerations.withDefaults(spec));
        spec.setAffinity(withNodeNameAffinity(spec.getAffinity(), node));
        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(spec);
        return pod;
    }

    /**
     * The required node affinity replaced by the one term {@code metadata.name In [node]}: the
     * node was already chosen against the template's own terms, so they are dropped.
     */
    static Affinity withNodeNameAffinity(Affinity affinity, String node) {
        NodeSelectorTerm term = new NodeSelectorTermBuilder().withMatchFields(new NodeSelectorRequirementBuilder()
                .withKey(NODE_NAME_FIELD).withOperator("In").withValues(node).build()).build();
        Affinity out = affinity == null ? new Affinity() : affinity;
        NodeAffinity nodeAffinity = out.getNodeAffinity() == null ? new NodeAffinity() : out.getNodeAffinity();
        nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelector(List.of(term)));
        out.setNodeAffinity(nodeAffinity);
        return out;
    }

    /** util.GetTargetNodeName: the bound node, else the node its affinity names. */
    static Optional<String> targetNode(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty()) {
            return Optional.of(spec.getNodeName());
        }
        if (spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
                || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return Optional.empty();
        }
        List<NodeSelectorTerm> terms = spec.getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        if (terms == null || terms.size() != 1 || terms.get(0).getMatchFields() == null) {
            return Optional.empty();
        }
        return terms.get(0).getMatchFields().stream()
                .filter(r -> NODE_NAME_FIELD.equals(r.getKey()) && "In".equals(r.getOperator())
                        && r.getValues() != null && r.getValues().size() == 1)
                .map(r -> r.getValues().get(0)).findFirst();
    }

    /** Whether the pod runs the DaemonSet's current template (util.IsPodUpdated, by hash). */
    static boolean isUpdated(Pod pod, String hash) {
        return hash.equals(ControllerRevisions.hash(pod));
    }
}
