package dev.j8s.client.events;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records core/v1 Events about an object ("Scheduled", "FailedMount", …). Never blocks the caller
 * on the API: events are queued and written in the background, and dropped if the queue is full.
 */
public interface EventRecorder {

    String NORMAL = "Normal";
    String WARNING = "Warning";

    void event(HasMetadata involvedObject, String type, String reason, String message);

    default void eventf(HasMetadata involvedObject, String type, String reason, String format, Object... args) {
        event(involvedObject, type, reason, String.format(format, args));
    }
}
