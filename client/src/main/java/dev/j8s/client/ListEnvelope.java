package dev.j8s.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.ListMeta;
import java.util.List;

/** The wire shape of any list ({@code {"metadata":…,"items":[…]}}), decoded straight into typed items. */
@JsonIgnoreProperties(ignoreUnknown = true)
final class ListEnvelope<T> {
    public ListMeta metadata;
    public List<T> items;
}
