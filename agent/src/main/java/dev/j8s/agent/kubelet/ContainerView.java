package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerStatus;

/**
 * What the kubelet knows of one container of a pod when it reports status: its latest and previous
 * attempts in the runtime (null when none), why it is waiting if it is (e.g. CrashLoopBackOff), and
 * what the probes say.
 */
public record ContainerView(String name, String image, ContainerStatus latest, ContainerStatus previous,
                            String waitingReason, String waitingMessage, boolean ready, boolean started) {

    public static ContainerView notCreated(String name, String image, String reason, String message) {
        return new ContainerView(name, image, null, null, reason, message, false, false);
    }
}
