package dev.j8s.client.leaderelection;

/**
 * What a candidate is told. Called on the elector's thread: return quickly (start the component's
 * own threads in {@code onStartedLeading}, stop them in {@code onStoppedLeading}).
 */
public interface LeaderCallbacks {

    void onStartedLeading();

    /** Leadership ended: lost (renewal failed past the renew deadline) or given up on stop. */
    void onStoppedLeading();

    /** The observed holder changed (including to this candidate). */
    default void onNewLeader(String identity) {}
}
