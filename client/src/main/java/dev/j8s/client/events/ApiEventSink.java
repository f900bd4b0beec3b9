package dev.j8s.client.events;

import dev.j8s.client.PatchType;
import dev.j8s.client.ResourceClient;
import io.fabric8.kubernetes.api.model.Event;

/** Writes events through the API server's core/v1 events resource. */
public final class ApiEventSink implements EventSink {

    private final ResourceClient<Event> events;

    public ApiEventSink(ResourceClient<Event> events) {
        this.events = events;
    }

    @Override
    public Event create(Event event) {
        return events.create(event);
    }

    @Override
    public Event patch(Event event, String strategicMergePatch) {
        return events.patch(event.getMetadata().getNamespace(), event.getMetadata().getName(),
                PatchType.STRATEGIC_MERGE, strategicMergePatch);
    }
}
