package dev.j8s.client.events;

import io.fabric8.kubernetes.api.model.Event;

/** Where recorded events are written (the API, or a list in tests). */
public interface EventSink {

    Event create(Event event);

    /** Applies a strategic merge patch to the stored event named like {@code event}. */
    Event patch(Event event, String strategicMergePatch);
}
