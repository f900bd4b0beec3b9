package dev.j8s.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.StatusCause;

/** The one place where failures become Kubernetes {@code Status} bodies. */
public final class StatusResponses {

    private StatusResponses() {}

    public static ObjectNode status(ApiException e) {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", e.getMessage());
        status.put("reason", e.reason());
        if (e.name() != null || e.kind() != null || !e.causes().isEmpty() || e.retryAfterSeconds() != null) {
            ObjectNode details = status.putObject("details");
            if (e.name() != null) {
                details.put("name", e.name());
            }
            if (e.group() != null) {
                details.put("group", e.group());
            }
            if (e.kind() != null) {
                details.put("kind", e.kind());
            }
            if (!e.causes().isEmpty()) {
                ArrayNode causes = details.putArray("causes");
                for (StatusCause c : e.causes()) {
                    ObjectNode cause = causes.addObject();
                    cause.put("reason", c.reason());
                    cause.put("message", c.message());
                    if (c.field() != null) {
                        cause.put("field", c.field());
                    }
                }
            }
            if (e.retryAfterSeconds() != null) {
                details.put("retryAfterSeconds", e.retryAfterSeconds());
            }
        }
        status.put("code", e.code());
        return status;
    }

    public static ApiResponse response(ApiException e) {
        ApiResponse response = ApiResponse.json(e.code(), Json.bytes(status(e)));
        if (e.retryAfterSeconds() != null) {
            response = response.withHeader("Retry-After", e.retryAfterSeconds().toString());
        }
        return response;
    }

    public static ObjectNode success() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        return status;
    }
}
