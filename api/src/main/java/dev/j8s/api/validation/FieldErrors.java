package dev.j8s.api.validation;

import dev.j8s.api.StatusCause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects field errors with the reasons and messages of Kubernetes' {@code field.ErrorList}
 * (message = {@code ErrorBody()}: type, then the Go-rendered value, then the detail).
 */
public final class FieldErrors {

    private final List<StatusCause> causes = new ArrayList<>();

    public List<StatusCause> causes() {
        return List.copyOf(causes);
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    public int size() {
        return causes.size();
    }

    public void required(FieldPath path, String detail) {
        add("FieldValueRequired", withDetail("Required value", detail), path);
    }

    public void invalid(FieldPath path, Object value, String detail) {
        add("FieldValueInvalid", withDetail("Invalid value: " + GoValues.format(value), detail), path);
    }

    public void invalidEach(FieldPath path, Object value, Collection<String> details) {
        for (String d : details) {
            invalid(path, value, d);
        }
    }

    public void notSupported(FieldPath path, Object value, List<String> supported) {
        List<String> quoted = supported.stream().map(GoValues::quote).toList();
        String detail = supported.isEmpty() ? "" : "supported values: " + String.join(", ", quoted);
        add("FieldValueNotSupported", withDetail("Unsupported value: " + GoValues.format(value), detail), path);
    }

    public void duplicate(FieldPath path, Object value) {
        add("FieldValueDuplicate", "Duplicate value: " + GoValues.format(value), path);
    }

    public void notFound(FieldPath path, Object value) {
        add("FieldValueNotFound", "Not found: " + GoValues.format(value), path);
    }

    public void forbidden(FieldPath path, String detail) {
        add("FieldValueForbidden", withDetail("Forbidden", detail), path);
    }

    public void tooLong(FieldPath path, int maxBytes) {
        add("FieldValueTooLong", "Too long: may not be more than " + maxBytes + " bytes", path);
    }

    public void tooMany(FieldPath path, int actual, int max) {
        add("FieldValueTooMany", "Too many: " + actual + ": must have at most " + max + " items", path);
    }

    /** {@code ValidateImmutableField}: "field is immutable" when the value changed. */
    public void immutable(FieldPath path, Object newValue) {
        invalid(path, newValue, "field is immutable");
    }

    /** {@code ValidateNonnegativeField}. */
    public void nonNegative(FieldPath path, Long value) {
        if (value != null && value < 0) {
            invalid(path, value, "must be greater than or equal to 0");
        }
    }

    private void add(String reason, String message, FieldPath path) {
        causes.add(new StatusCause(reason, message, path.toString()));
    }

    private static String withDetail(String head, String detail) {
        return detail == null || detail.isEmpty() ? head : head + ": " + detail;
    }
}
