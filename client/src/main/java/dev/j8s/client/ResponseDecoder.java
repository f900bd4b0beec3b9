package dev.j8s.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Turns responses into model objects, and failures into {@link ApiStatusException}s, in one place. */
final class ResponseDecoder {

    private final ObjectMapper mapper;

    ResponseDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    <T> T decode(TransportResponse response, JavaType type) {
        requireSuccess(response.status(), response.body());
        try {
            return mapper.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("undecodable " + type.getRawClass().getSimpleName() + " response", e);
        }
    }

    void requireSuccess(int code, byte[] body) {
        if (code < 200 || code >= 300) {
            throw new ApiStatusException(status(code, body));
        }
    }

    /** The server's Status, or one made from the code when the body is not a Status (a proxy's error page). */
    Status status(int code, byte[] body) {
        try {
            Status status = mapper.readValue(body, Status.class);
            if ("Status".equals(status.getKind())) {
                if (status.getCode() == null || status.getCode() == 0) {
                    status.setCode(code);
                }
                return status;
            }
        } catch (IOException notJson) {
            // fall through to a synthesized Status
        }
        return new StatusBuilder().withStatus("Failure").withCode(code)
                .withMessage(new String(body, StandardCharsets.UTF_8)).build();
    }
}
