package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Kinds with a handful of spec rules each: Lease, Node, PersistentVolumeClaim, ReplicationController. */
final class SmallKindRules {

    private static final FieldPath SPEC = FieldPath.root("spec");

    private SmallKindRules() {}

    /** coordination.k8s.io/v1 Lease: {@code ValidateLeaseSpec}. */
    static final KindRules LEASE = (object, errs) -> {
        JsonNode spec = Nodes.get(object, "spec");
        Long duration = Nodes.number(spec, "leaseDurationSeconds");
        if (duration != null && duration <= 0) {
            errs.invalid(SPEC.child("leaseDurationSeconds"), duration, "must be greater than 0");
        }
        errs.nonNegative(SPEC.child("leaseTransitions"), Nodes.number(spec, "leaseTransitions"));
    };

    /** core/v1 Node: taints, and the pod CIDR syntax. */
    static final KindRules NODE = (object, errs) -> {
        JsonNode spec = Nodes.get(object, "spec");
        List<JsonNode> taints = Nodes.items(spec, "taints");
        List<String> effects = List.of("NoExecute", "NoSchedule", "PreferNoSchedule");
        for (int i = 0; i < taints.size(); i++) {
            FieldPath tp = SPEC.child("taints").index(i);
            String key = Nodes.text(taints.get(i), "key");
            errs.invalidEach(tp.child("key"), key, NameRules.qualifiedName(key));
            String value = Nodes.text(taints.get(i), "value");
            errs.invalidEach(tp.child("value"), value, NameRules.labelValue(value));
            String effect = Nodes.text(taints.get(i), "effect");
            if (effect.isEmpty()) {
                errs.required(tp.child("effect"), "");
            } else if (!effects.contains(effect)) {
                errs.notSupported(tp.child("effect"), effect, effects);
            }
        }
        String cidr = Nodes.text(spec, "podCIDR");
        if (!cidr.isEmpty() && !cidr.matches("[0-9a-fA-F:.]+/\\d{1,3}")) {
            errs.invalid(SPEC.child("podCIDR"), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
        }
    };

    /** core/v1 PersistentVolumeClaim: access modes, storage request, and a spec fixed after creation. */
    static final KindRules PERSISTENT_VOLUME_CLAIM = new KindRules() {
        private final List<String> modes = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");

        @Override
        public void validate(ObjectNode object, FieldErrors errs) {
            JsonNode spec = Nodes.get(object, "spec");
            List<JsonNode> accessModes = Nodes.items(spec, "accessModes");
            if (accessModes.isEmpty()) {
                errs.required(SPEC.child("accessModes"), "at least 1 access mode is required");
            }
            for (JsonNode m : accessModes) {
                if (!modes.contains(m.asText())) {
                    errs.notSupported(SPEC.child("accessModes"), m.asText(), modes);
                }
            }
            JsonNode requests = Nodes.get(Nodes.get(spec, "resources"), "requests");
            if (!Nodes.has(requests, "storage")) {
                errs.required(SPEC.child("resources").key("storage"), "");
            }
            String volumeMode = Nodes.text(spec, "volumeMode");
            if (!volumeMode.isEmpty() && !List.of("Block", "Filesystem").contains(volumeMode)) {
                errs.notSupported(SPEC.child("volumeMode"), volumeMode, List.of("Block", "Filesystem"));
            }
        }

        /** Only resources.requests may change (and volumeName be filled in once, by the binder). */
        @Override
        public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
            ObjectNode now = maskedClaimSpec(Nodes.get(object, "spec"), Nodes.get(old, "spec"));
            ObjectNode before = maskedClaimSpec(Nodes.get(old, "spec"), Nodes.get(old, "spec"));
            if (!now.equals(before)) {
                errs.forbidden(SPEC, "spec is immutable after creation except resources.requests for bound claims");
            }
        }
    };

    /** core/v1 ReplicationController: replicas, selector matching its template, pods that restart. */
    static final KindRules REPLICATION_CONTROLLER = (object, errs) -> {
        JsonNode spec = Nodes.get(object, "spec");
        errs.nonNegative(SPEC.child("replicas"), Nodes.number(spec, "replicas"));
        errs.nonNegative(SPEC.child("minReadySeconds"), Nodes.number(spec, "minReadySeconds"));
        JsonNode selector = Nodes.get(spec, "selector");
        if (selector.isMissingNode() || selector.isEmpty()) {
            errs.required(SPEC.child("selector"), "");
        } else {
            ObjectMetaRules.validateLabels(selector, SPEC.child("selector"), errs);
        }
        JsonNode template = Nodes.get(spec, "template");
        if (template.isMissingNode()) {
            errs.required(SPEC.child("template"), "");
            return;
        }
        var labels = Nodes.stringMap(Nodes.get(template, "metadata"), "labels");
        var wanted = Nodes.stringMap(spec, "selector");
        if (!wanted.isEmpty() && !labels.entrySet().containsAll(wanted.entrySet())) {
            errs.invalid(SPEC.child("template", "metadata", "labels"),
                    GoValues.stringMap(Nodes.get(Nodes.get(template, "metadata"), "labels")),
                    "`selector` does not match template `labels`");
        }
        PodSpecRules.validateTemplate(template, SPEC.child("template"), errs);
        WorkloadRules.requireAlwaysRestart(template, SPEC.child("template"), "ReplicationController", errs);
    };

    private static ObjectNode maskedClaimSpec(JsonNode spec, JsonNode oldSpec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : dev.j8s.api.Json.object();
        if (copy.get("resources") instanceof ObjectNode resources) {
            resources.remove("requests");
        }
        if (Nodes.text(oldSpec, "volumeName").isEmpty()) {
            copy.remove("volumeName");
        }
        return copy;
    }
}
