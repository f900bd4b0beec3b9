package dev.j8s.controllers.framework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The history of a DaemonSet or StatefulSet as ControllerRevisions (pkg/controller/history):
 * each revision is named {@code <owner>-<hash>}, labelled {@code controller-revision-hash}, numbered
 * by {@code revision}, and carries in {@code data} the strategic merge patch
 * {@code {"spec":{"template":{…,"$patch":"replace"}}}} that `kubectl rollout undo` applies to go back.
 */
public final class ControllerRevisions {

    public static final String HASH_LABEL = "controller-revision-hash";

    private ControllerRevisions() {}

    /** A revision of {@code owner}'s {@code template}, numbered {@code number}, not yet stored. */
    public static ControllerRevision build(HasMetadata owner, Map<String, String> templateLabels,
                                           PodTemplateSpec template, String hash, long number) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(owner.getMetadata().getName() + "-" + hash);
        meta.setNamespace(owner.getMetadata().getNamespace());
        Map<String, String> labels = new HashMap<>(templateLabels == null ? Map.of() : templateLabels);
        labels.put(HASH_LABEL, hash);
        meta.setLabels(labels);
        meta.setOwnerReferences(List.of(OwnerReferences.newControllerRef(owner)));
        ControllerRevision revision = new ControllerRevision();
        revision.setApiVersion("apps/v1");
        revision.setKind("ControllerRevision");
        revision.setMetadata(meta);
        revision.setRevision(number);
        revision.setData(Json.MAPPER.convertValue(patch(template), Map.class));
        return revision;
    }

    /** The patch that restores {@code template} (getDaemonSetPatch / getStatefulSetPatch). */
    public static ObjectNode patch(PodTemplateSpec template) {
        ObjectNode templateNode = Json.MAPPER.valueToTree(template);
        templateNode.put("$patch", "replace");
        ObjectNode spec = Json.object();
        spec.set("template", templateNode);
        ObjectNode root = Json.object();
        root.set("spec", spec);
        return root;
    }

    /** The pod template a revision records (ApplyRevision on an empty object). */
    public static PodTemplateSpec template(ControllerRevision revision) {
        JsonNode data = Json.MAPPER.valueToTree(revision.getData());
        JsonNode template = data.path("spec").path("template");
        if (template instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove("$patch");
            return Json.MAPPER.convertValue(copy, PodTemplateSpec.class);
        }
        return new PodTemplateSpec();
    }

    public static String hash(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(HASH_LABEL);
    }

    public static long number(ControllerRevision revision) {
        return revision.getRevision() == null ? 0 : revision.getRevision();
    }

    public static long maxNumber(List<ControllerRevision> revisions) {
        return revisions.stream().mapToLong(ControllerRevisions::number).max().orElse(0);
    }

    /** The revision whose template is {@code template}, if the history has one (history.FindEqualRevisions). */
    public static Optional<ControllerRevision> findEqual(List<ControllerRevision> revisions, PodTemplateSpec template) {
        return revisions.stream().filter(r -> PodTemplateHash.equalIgnoringHash(template(r), template))
                .max(Comparator.comparingLong(ControllerRevisions::number));
    }

    /**
     * Revisions to delete so that at most {@code limit} unused ones remain, oldest first
     * (cleanupHistory / truncateHistory): a revision whose hash a live pod or the owner's status
     * still names is never deleted.
     */
    public static List<ControllerRevision> beyondLimit(List<ControllerRevision> revisions, Set<String> liveHashes,
                                                       int limit) {
        List<ControllerRevision> unused = new ArrayList<>();
        for (ControllerRevision revision : revisions) {
            if (!liveHashes.contains(hash(revision)) && !liveHashes.contains(revision.getMetadata().getName())) {
                unused.add(revision);
            }
        }
        unused.sort(Comparator.comparingLong(ControllerRevisions::number));
        int excess = unused.size() - Math.max(0, limit);
        return excess <= 0 ? List.of() : List.copyOf(unused.subList(0, excess));
    }
}
