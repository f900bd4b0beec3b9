package dev.j8s.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ResourceType;
import dev.j8s.api.selector.FieldSelector;
import dev.j8s.api.selector.LabelSelector;

/** The label and field selectors of a list or watch request. */
public final class ObjectFilter {

    private final ResourceType type;
    private final LabelSelector labels;
    private final FieldSelector fields;

    private ObjectFilter(ResourceType type, LabelSelector labels, FieldSelector fields) {
        this.type = type;
        this.labels = labels;
        this.fields = fields;
    }

    public static ObjectFilter of(ResourceType type, String labelSelector, String fieldSelector) {
        LabelSelector labels = labelSelector == null || labelSelector.isBlank() ? null : LabelSelector.parse(labelSelector);
        FieldSelector fields = fieldSelector == null || fieldSelector.isBlank() ? null : FieldSelector.parse(fieldSelector);
        if (fields != null) {
            fields.requireSupportedBy(type);
        }
        return new ObjectFilter(type, labels, fields);
    }

    public boolean isEmpty() {
        return (labels == null || labels.isEmpty()) && fields == null;
    }

    public boolean matches(JsonNode object) {
        if (labels != null && !labels.matches(Objects.labels(object))) {
            return false;
        }
        return fields == null || fields.matches(type, object);
    }
}
