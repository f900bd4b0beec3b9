package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The validation of one kind beyond its metadata: what its registry strategy's Validate does. */
interface KindRules {

    /** The kind's metadata.name syntax. */
    default NameRule nameRule() {
        return NameRule.DNS_SUBDOMAIN;
    }

    /** Checks run on create and on update (Kubernetes validates the new object fully on both). */
    void validate(ObjectNode object, FieldErrors errs);

    /** Extra checks comparing an update with the stored object (immutable fields). */
    default void validateUpdate(ObjectNode object, ObjectNode old, FieldErrors errs) {}

    /** Kinds checked only for metadata. */
    KindRules METADATA_ONLY = (object, errs) -> { };

    static KindRules metadataOnly(NameRule rule) {
        return new KindRules() {
            @Override
            public NameRule nameRule() {
                return rule;
            }

            @Override
            public void validate(ObjectNode object, FieldErrors errs) {}
        };
    }
}
