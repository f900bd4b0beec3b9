package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** core/v1 Namespace: a DNS-label name and qualified-name finalizers. */
final class NamespaceRules implements KindRules {

    @Override
    public NameRule nameRule() {
        return NameRule.DNS_LABEL;
    }

    @Override
    public void validate(ObjectNode object, FieldErrors errs) {
        FieldPath path = FieldPath.root("spec").child("finalizers");
        Nodes.items(Nodes.get(object, "spec"), "finalizers").forEach(f ->
                errs.invalidEach(path, f.asText(), NameRules.qualifiedName(f.asText())));
    }
}
