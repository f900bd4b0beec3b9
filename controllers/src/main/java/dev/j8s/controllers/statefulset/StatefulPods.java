package dev.j8s.controllers.statefulset;

import dev.j8s.controllers.framework.ControllerRevisions;
import dev.j8s.controllers.framework.Copies;
import dev.j8s.controllers.framework.OwnerReferences;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stable identity of a StatefulSet's pods (stateful_set_utils.go): pod {@code <set>-<ordinal>}
 * with hostname = its name and subdomain = serviceName, labels {@code statefulset.kubernetes.io/pod-name}
 * and {@code apps.kubernetes.io/pod-index}, and for every volumeClaimTemplate the claim
 * {@code <template>-<set>-<ordinal>} mounted as the volume of the template's name.
 */
final class StatefulPods {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

    private StatefulPods() {}

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    static String claimName(String template, StatefulSet set, int ordinal) {
        return template + "-" + podName(set, ordinal);
    }

    /** getParentNameAndOrdinal: the ordinal of a pod named {@code <set>-<n>} of this set. */
    static OptionalInt ordinal(StatefulSet set, Pod pod) {
        Matcher m = ORDINAL.matcher(pod.getMetadata().getName());
        if (!m.matches() || !m.group(1).equals(set.getMetadata().getName())) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** newVersionedStatefulSetPod: the pod of {@code ordinal} from the template of {@code revision}. */
    static Pod newPod(StatefulSet set, PodTemplateSpec template, String revision, int ordinal) {
        PodTemplateSpec copy = Copies.deepCopy(template);
        ObjectMeta templateMeta = copy.getMetadata() == null ? new ObjectMeta() : copy.getMetadata();
        String name = podName(set, ordinal);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(set.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>(templateMeta.getLabels() == null ? Map.of() : templateMeta.getLabels());
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(ControllerRevisions.HASH_LABEL, revision);
        meta.setLabels(labels);
        meta.setAnnotations(templateMeta.getAnnotations());
        meta.setFinalizers(templateMeta.getFinalizers());
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(set)));
        PodSpec spec = copy.getSpec();
        spec.setHostname(name);
        spec.setSubdomain(set.getSpec().getServiceName());
        spec.setVolumes(volumesWithClaims(set, spec.getVolumes(), ordinal));
        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(spec);
        return pod;
    }

    /** updateStorage: each claim template's volume replaces a template volume of the same name. */
    private static List<Volume> volumesWithClaims(StatefulSet set, List<Volume> volumes, int ordinal) {
        List<PersistentVolumeClaim> templates = claimTemplates(set);
        if (templates.isEmpty()) {
            return volumes;
        }
        List<Volume> out = new ArrayList<>();
        for (PersistentVolumeClaim claim : templates) {
            Volume volume = new Volume();
            volume.setName(claim.getMetadata().getName());
            volume.setPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource(
                    claimName(claim.getMetadata().getName(), set, ordinal), false));
            out.add(volume);
        }
        for (Volume volume : volumes == null ? List.<Volume>of() : volumes) {
            if (out.stream().noneMatch(v -> v.getName().equals(volume.getName()))) {
                out.add(volume);
            }
        }
        return out;
    }

    /**
     * getPersistentVolumeClaims: the claims of {@code ordinal}, labelled with the set's selector
     * labels; owned by the set when persistentVolumeClaimRetentionPolicy.whenDeleted is Delete.
     */
    static List<PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
        List<PersistentVolumeClaim> out = new ArrayList<>();
        for (PersistentVolumeClaim template : claimTemplates(set)) {
            PersistentVolumeClaim claim = Copies.deepCopy(template);
            ObjectMeta meta = claim.getMetadata();
            meta.setName(claimName(template.getMetadata().getName(), set, ordinal));
            meta.setNamespace(set.getMetadata().getNamespace());
            Map<String, String> labels = new HashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
            if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(set.getSpec().getSelector().getMatchLabels());
            }
            meta.setLabels(labels);
            if (deleteClaimsWithSet(set)) {
                meta.setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                        .withKind("StatefulSet").withName(set.getMetadata().getName())
                        .withUid(set.getMetadata().getUid()).build()));
            }
            claim.setStatus(null);
            out.add(claim);
        }
        return out;
    }

    private static boolean deleteClaimsWithSet(StatefulSet set) {
        return set.getSpec().getPersistentVolumeClaimRetentionPolicy() != null
                && "Delete".equals(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }
}
