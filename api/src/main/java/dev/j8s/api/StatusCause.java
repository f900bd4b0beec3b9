package dev.j8s.api;

/**
 * One cause of a failed request, as in a Kubernetes {@code Status.details.causes[]} entry.
 *
 * @param reason  machine-readable cause, e.g. {@code FieldValueRequired}, {@code FieldValueInvalid},
 *                {@code FieldValueNotSupported}, {@code FieldValueDuplicate}, {@code FieldValueForbidden},
 *                {@code FieldValueTooLong}, {@code FieldValueTypeInvalid}, {@code FieldValueUnknown}
 * @param message human-readable, e.g. {@code Required value}
 * @param field   JSON path of the field, e.g. {@code spec.template.spec.containers[0].image}
 */
public record StatusCause(String reason, String message, String field) {

    public static StatusCause required(String field) {
        return new StatusCause("FieldValueRequired", "Required value", field);
    }

    public static StatusCause invalid(String field, Object value, String detail) {
        return new StatusCause("FieldValueInvalid", "Invalid value: " + quote(value) + ": " + detail, field);
    }

    public static StatusCause notSupported(String field, Object value, java.util.List<String> supported) {
        StringBuilder sb = new StringBuilder("Unsupported value: ").append(quote(value));
        if (!supported.isEmpty()) {
            sb.append(": supported values: ");
            for (int i = 0; i < supported.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('"').append(supported.get(i)).append('"');
            }
        }
        return new StatusCause("FieldValueNotSupported", sb.toString(), field);
    }

    public static StatusCause duplicate(String field, Object value) {
        return new StatusCause("FieldValueDuplicate", "Duplicate value: " + quote(value), field);
    }

    public static StatusCause forbidden(String field, String detail) {
        return new StatusCause("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    public static StatusCause tooLong(String field, int max) {
        return new StatusCause("FieldValueTooLong", "Too long: may not be more than " + max + " bytes", field);
    }

    /** Full text as Kubernetes prints it in the Status message: "field: message". */
    public String describe() {
        return field == null || field.isEmpty() ? message : field + ": " + message;
    }

    private static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        return String.valueOf(value);
    }
}
