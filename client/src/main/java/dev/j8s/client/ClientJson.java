package dev.j8s.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.j8s.api.Json;

/**
 * The client's Jackson mapper: j8s' shared settings plus java.time, because fabric8 types such as
 * {@code LeaseSpec.renewTime} are {@code ZonedDateTime} fields with a MicroTime pattern.
 */
public final class ClientJson {

    public static final ObjectMapper MAPPER = Json.MAPPER.copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ClientJson() {}
}
