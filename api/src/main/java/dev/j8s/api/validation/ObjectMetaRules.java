package dev.j8s.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** {@code ValidateObjectMeta} and {@code ValidateObjectMetaUpdate} of apimachinery. */
public final class ObjectMetaRules {

    /** {@code TotalAnnotationSizeLimitB}: keys plus values of all annotations. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private static final FieldPath METADATA = FieldPath.root("metadata");

    private ObjectMetaRules() {}

    /**
     * Checks metadata on create. The namespace of a namespaced object must be set (the server
     * fills it from the URL first); a cluster-scoped object's namespace is cleared by the server.
     */
    public static void validateCreate(JsonNode meta, boolean namespaced, NameRule nameRule, FieldErrors errs) {
        String generateName = Nodes.text(meta, "generateName");
        if (!generateName.isEmpty()) {
            errs.invalidEach(METADATA.child("generateName"), generateName, nameRule.check(generateName, true));
        }
        String name = Nodes.text(meta, "name");
        // With only generateName the server generates the name (checked above) before storing.
        if (name.isEmpty() && generateName.isEmpty()) {
            errs.required(METADATA.child("name"), "name or generateName is required");
        } else if (!name.isEmpty()) {
            errs.invalidEach(METADATA.child("name"), name, nameRule.check(name, false));
        }
        if (namespaced) {
            String namespace = Nodes.text(meta, "namespace");
            if (namespace.isEmpty()) {
                errs.required(METADATA.child("namespace"), "");
            } else {
                errs.invalidEach(METADATA.child("namespace"), namespace, NameRule.DNS_LABEL.check(namespace, false));
            }
        }
        errs.nonNegative(METADATA.child("generation"), Nodes.number(meta, "generation"));
        validateCommon(meta, errs);
    }

    /**
     * Checks metadata on update: identity fields may not change. Kubernetes copies uid and
     * creationTimestamp from the stored object before validating when the client leaves them
     * out, so only a different, present value is an error here.
     */
    public static void validateUpdate(JsonNode meta, JsonNode oldMeta, FieldErrors errs) {
        long generation = Nodes.numberOr(meta, "generation", 0);
        if (generation < Nodes.numberOr(oldMeta, "generation", 0)) {
            errs.invalid(METADATA.child("generation"), generation, "must not be decremented");
        }
        immutable(meta, oldMeta, "name", errs, false);
        immutable(meta, oldMeta, "namespace", errs, false);
        immutable(meta, oldMeta, "uid", errs, true);
        immutable(meta, oldMeta, "creationTimestamp", errs, true);
        immutable(meta, oldMeta, "deletionTimestamp", errs, true);
        validateCommon(meta, errs);
    }

    /** {@code ValidateLabels}: every key a qualified name, every value a label value. */
    public static void validateLabels(JsonNode labels, FieldPath path, FieldErrors errs) {
        if (labels == null || !labels.isObject()) {
            return;
        }
        labels.properties().forEach(e -> {
            errs.invalidEach(path, e.getKey(), NameRules.qualifiedName(e.getKey()));
            String value = e.getValue().isNull() ? "" : e.getValue().asText();
            errs.invalidEach(path, value, NameRules.labelValue(value));
        });
    }

    /** {@code ValidateAnnotations}: keys are (case-insensitively) qualified names; total size ≤ 256 KiB. */
    public static void validateAnnotations(JsonNode annotations, FieldPath path, FieldErrors errs) {
        if (annotations == null || !annotations.isObject()) {
            return;
        }
        long total = 0;
        for (Map.Entry<String, JsonNode> e : annotations.properties()) {
            errs.invalidEach(path, e.getKey(), NameRules.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT)));
            total += utf8Length(e.getKey()) + utf8Length(e.getValue().asText());
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
        }
    }

    private static void validateCommon(JsonNode meta, FieldErrors errs) {
        validateLabels(Nodes.get(meta, "labels"), METADATA.child("labels"), errs);
        validateAnnotations(Nodes.get(meta, "annotations"), METADATA.child("annotations"), errs);
        validateOwnerReferences(meta, errs);
        validateFinalizers(meta, errs);
    }

    private static void validateOwnerReferences(JsonNode meta, FieldErrors errs) {
        FieldPath path = METADATA.child("ownerReferences");
        for (JsonNode ref : Nodes.items(meta, "ownerReferences")) {
            String apiVersion = Nodes.text(ref, "apiVersion");
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty()) {
                errs.invalid(path.child("apiVersion"), apiVersion, "version must not be empty");
            }
            if (Nodes.text(ref, "kind").isEmpty()) {
                errs.invalid(path.child("kind"), "", "kind must not be empty");
            }
            if (Nodes.text(ref, "name").isEmpty()) {
                errs.invalid(path.child("name"), "", "name must not be empty");
            }
            if (Nodes.text(ref, "uid").isEmpty()) {
                errs.invalid(path.child("uid"), "", "uid must not be empty");
            }
        }
    }

    private static void validateFinalizers(JsonNode meta, FieldErrors errs) {
        FieldPath path = METADATA.child("finalizers");
        for (JsonNode f : Nodes.items(meta, "finalizers")) {
            errs.invalidEach(path, f.asText(), NameRules.qualifiedName(f.asText()));
        }
    }

    private static void immutable(JsonNode meta, JsonNode oldMeta, String field, FieldErrors errs,
                                  boolean onlyWhenPresent) {
        String now = Nodes.text(meta, field);
        String before = Nodes.text(oldMeta, field);
        if (onlyWhenPresent && now.isEmpty()) {
            return;
        }
        if (!Objects.equals(now, before)) {
            errs.immutable(METADATA.child(field), now);
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
