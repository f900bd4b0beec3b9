package dev.j8s.controllers.deployment;

import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.OwnerReferences;
import dev.j8s.controllers.framework.PodTemplateHash;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReplicaSet that runs a Deployment's current template (sync.go getNewReplicaSet): named
 * {@code <deployment>-<pod-template-hash>}, with the hash label added to its selector and template
 * so the ReplicaSets of one Deployment never select each other's pods.
 */
final class NewReplicaSetBuilder {

    private NewReplicaSetBuilder() {}

    static String hash(Deployment d) {
        return PodTemplateHash.compute(d.getSpec().getTemplate(), d.getStatus() == null ? null
                : d.getStatus().getCollisionCount());
    }

    /** The ReplicaSet with 0 replicas and no annotations yet: the caller sizes and annotates it. */
    static ReplicaSet build(Deployment d) {
        String hash = hash(d);
        PodTemplateSpec template = Copies.deepCopy(d.getSpec().getTemplate());
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels() == null ? Map.of()
                : template.getMetadata().getLabels());
        labels.put(PodTemplateHash.LABEL, hash);
        template.getMetadata().setLabels(labels);

        LabelSelector selector = Copies.deepCopy(d.getSpec().getSelector());
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels());
        matchLabels.put(PodTemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);

        ObjectMeta meta = new ObjectMeta();
        meta.setName(d.getMetadata().getName() + "-" + hash);
        meta.setNamespace(d.getMetadata().getNamespace());
        meta.setLabels(new HashMap<>(labels));
        meta.setAnnotations(new HashMap<>());
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(d)));
        ReplicaSetSpec spec = new ReplicaSetSpec();
        spec.setReplicas(0);
        spec.setMinReadySeconds(DeploymentSpecs.minReadySeconds(d));
        spec.setSelector(selector);
        spec.setTemplate(template);
        ReplicaSet rs = new ReplicaSet();
        rs.setMetadata(meta);
        rs.setSpec(spec);
        return rs;
    }
}
