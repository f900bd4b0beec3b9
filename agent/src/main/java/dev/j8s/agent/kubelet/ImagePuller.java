package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ImagePullFailure;
import dev.j8s.agent.runtime.ImagePullPolicy;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a container's image present before it is created, as the kubelet's image manager does
 * (pkg/kubelet/images/image_manager.go EnsureImageExists): the pull policy decides whether to pull,
 * credentials come from the pod's imagePullSecrets, and a failed pull of an image by a pod backs off
 * (10 s doubling up to 5 min, flowcontrol.Backoff keyed by pod UID and image): the first failure shows as
 * {@code ErrImagePull}, syncs within the back-off as {@code ImagePullBackOff}.
 */
final class ImagePuller {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);

    private final ContainerRuntime runtime;
    private final ConfigSource source;
    private final Clock clock;
    private final Map<String, Entry> backoff = new ConcurrentHashMap<>();

    private record Entry(Duration delay, Instant lastFailure) {}

    /** Why a container cannot be created yet: its waiting reason and message. */
    record Waiting(String reason, String message) {}

    ImagePuller(ContainerRuntime runtime, ConfigSource source, Clock clock) {
        this.runtime = runtime;
        this.source = source;
        this.clock = clock;
    }

    /** Null once the image is there; otherwise why the container waits. */
    Waiting ensure(Pod pod, Container c) {
        String key = pod.getMetadata().getUid() + "/" + c.getImage();
        Instant now = clock.instant();
        Entry e = backoff.get(key);
        if (e != null && Duration.between(e.lastFailure(), now).compareTo(e.delay()) < 0) {
            return new Waiting("ImagePullBackOff", "Back-off pulling image \"" + c.getImage() + "\"");
        }
        try {
            runtime.ensureImage(c.getImage(), ImagePullPolicy.of(c.getImagePullPolicy(), c.getImage()),
                    PullSecrets.auths(pod, source));
            backoff.remove(key);
            return null;
        } catch (ImagePullFailure f) {
            backoff.put(key, new Entry(next(e, now), now));
            return new Waiting(f.reason(), f.getMessage());
        }
    }

    void forget(String podUid) {
        backoff.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    /** flowcontrol.Backoff.Next: doubles up to the cap; an entry idle for twice the cap starts over. */
    private static Duration next(Entry e, Instant now) {
        if (e == null || Duration.between(e.lastFailure(), now).compareTo(MAX.multipliedBy(2)) > 0) {
            return INITIAL;
        }
        Duration doubled = e.delay().multipliedBy(2);
        return doubled.compareTo(MAX) > 0 ? MAX : doubled;
    }
}
