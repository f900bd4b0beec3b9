package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** apps/v1 ReplicaSet: {@code ValidateReplicaSetSpec} plus the immutable selector of the registry. */
final class ReplicaSetRules implements KindRules {

    private static final FieldPath SPEC = WorkloadRules.SPEC;

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        JsonNode spec = Nodes.get(object, "spec");
        errs.nonNegative(SPEC.child("replicas"), Nodes.number(spec, "replicas"));
        errs.nonNegative(SPEC.child("minReadySeconds"), Nodes.number(spec, "minReadySeconds"));
        // Kubernetes reuses the Deployment wording for ReplicaSets here.
        WorkloadRules.validateSelectorAndTemplate(spec, "deployment", "ReplicaSet", errs);
    }

    @Override
    public void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {
        WorkloadRules.selectorImmutable(Nodes.get(object, "spec"), Nodes.get(old, "spec"), errs);
    }
}
