package dev.j8s.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A request failure with the meaning of a Kubernetes {@code Status}: HTTP code, reason and
 * message (and for 422 the field causes). Components throw it; the API server turns it into a
 * Status body in one place.
 */
public class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final String group;
    private final String kind;
    private final String name;
    private final List<StatusCause> causes;
    private final Integer retryAfterSeconds;

    public ApiException(int code, String reason, String message) {
        this(code, reason, message, null, null, null, List.of(), null);
    }

    public ApiException(int code, String reason, String message, String group, String kind, String name,
                        List<StatusCause> causes, Integer retryAfterSeconds) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.group = group;
        this.kind = kind;
        this.name = name;
        this.causes = List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int code() { return code; }
    public String reason() { return reason; }
    public String group() { return group; }
    public String kind() { return kind; }
    public String name() { return name; }
    public List<StatusCause> causes() { return causes; }
    public Integer retryAfterSeconds() { return retryAfterSeconds; }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    /** {@code pods "web" not found}; {@code group} is the API group ("" for core), {@code plural} the resource. */
    public static ApiException notFound(String group, String plural, String name) {
        String qualified = group.isEmpty() ? plural : plural + "." + group;
        return new ApiException(404, "NotFound", qualified + " \"" + name + "\" not found",
                group, plural, name, List.of(), null);
    }

    public static ApiException notFoundPath(String message) {
        return new ApiException(404, "NotFound", message);
    }

    public static ApiException alreadyExists(String group, String plural, String name) {
        String qualified = group.isEmpty() ? plural : plural + "." + group;
        return new ApiException(409, "AlreadyExists", qualified + " \"" + name + "\" already exists",
                group, plural, name, List.of(), null);
    }

    public static ApiException conflict(String group, String plural, String name, String detail) {
        String qualified = group.isEmpty() ? plural : plural + "." + group;
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified + " \"" + name
                + "\": " + detail, group, plural, name, List.of(), null);
    }

    /** The optimistic-concurrency conflict message kubectl users know. */
    public static ApiException modified(String group, String plural, String name) {
        return conflict(group, plural, name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422: {@code Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be ...]}. */
    public static ApiException invalid(String group, String kind, String name, List<StatusCause> causes) {
        String qualified = group.isEmpty() ? kind : kind + "." + group;
        String detail = causes.stream().map(StatusCause::describe).collect(Collectors.joining(", "));
        String message = qualified + " \"" + (name == null ? "" : name) + "\" is invalid: "
                + (causes.size() == 1 ? detail : "[" + detail + "]");
        return new ApiException(422, "Invalid", message, group, kind, name, causes, null);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "Unauthorized", "Unauthorized");
    }

    public static ApiException methodNotAllowed(String message) {
        return new ApiException(405, "MethodNotAllowed", message);
    }

    public static ApiException unsupportedMediaType(String contentType) {
        return new ApiException(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }

    public static ApiException notAcceptable(String message) {
        return new ApiException(406, "NotAcceptable", message);
    }

    public static ApiException tooLarge() {
        return new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
    }

    public static ApiException tooManyRequests(int retryAfter) {
        return new ApiException(429, "TooManyRequests", "Too many requests, please try again later.",
                null, null, null, List.of(), retryAfter);
    }

    public static ApiException internal(String message) {
        return new ApiException(500, "InternalError", "Internal error occurred: " + message);
    }
}
