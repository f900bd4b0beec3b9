package dev.j8s.agent.images;

import dev.j8s.agent.runtime.Image;
import dev.j8s.agent.runtime.ImageService;
import dev.j8s.client.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's image garbage collection (pkg/kubelet/images/image_gc_manager.go): each run records when every
 * image was first seen and last used by a container, then, when the image filesystem's usage is at or above the
 * high threshold, removes unused images (never pinned ones, never the sandbox image, none younger than the
 * minimum age) least recently used first until the bytes needed to get down to the low threshold are freed.
 * A removal that fails is reported and the others go on. Failures record Warning events on the Node:
 * {@code FreeDiskSpaceFailed} when not enough could be freed, {@code InvalidDiskCapacity} for a filesystem of
 * capacity 0, and {@code ImageGCFailed} when a run fails after a failed run (the first failure may be a start-up
 * race, so it is only logged). Not thread-safe: one thread runs it.
 */
public final class ImageGarbageCollector {

    private static final Logger log = LoggerFactory.getLogger(ImageGarbageCollector.class);

    private final ImageService images;
    private final ImageFsUsage fs;
    private final ImageGcPolicy policy;
    private final EventRecorder recorder;
    private final HasMetadata node;
    private final Clock clock;
    private final Map<String, ImageRecord> records = new HashMap<>();
    private boolean previousRunFailed;

    /** What is known of an image: first seen, last seen in use (null: never), size and pinning. */
    private record ImageRecord(Image image, Instant firstDetected, Instant lastUsed) {}

    public ImageGarbageCollector(ImageService images, ImageFsUsage fs, ImageGcPolicy policy, EventRecorder recorder,
                                 HasMetadata node, Clock clock) {
        this.images = images;
        this.fs = fs;
        this.policy = policy.validate();
        this.recorder = recorder;
        this.node = node;
        this.clock = clock;
    }

    public ImageGcPolicy policy() {
        return policy;
    }

    /** One periodic run (the kubelet's StartGarbageCollection loop body): collects, and reports a failure. */
    public void runOnce() {
        try {
            garbageCollect();
            if (previousRunFailed) {
                log.info("image garbage collection succeeded");
            } else {
                log.debug("image garbage collection succeeded");
            }
            previousRunFailed = false;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (previousRunFailed) {
                log.error("image garbage collection failed multiple times in a row: {}", message);
                recorder.event(node, EventRecorder.WARNING, "ImageGCFailed", message);
            } else {
                log.error("image garbage collection failed once; stats initialization may not have completed yet: {}",
                        message);
            }
            previousRunFailed = true;
        }
    }

    /**
     * Frees space when usage is at or above the high threshold.
     *
     * @throws ImageGcException when the usage is unknown or not enough could be freed
     */
    public void garbageCollect() {
        Instant freeTime = clock.instant();
        List<ImageRecord> candidates = imagesInEvictionOrder(freeTime);
        FsStats stats = fs.stats();
        long capacity = stats.capacityBytes();
        long available = Math.min(stats.availableBytes(), capacity);
        if (capacity <= 0) {
            String message = "invalid capacity 0 on image filesystem";
            recorder.event(node, EventRecorder.WARNING, "InvalidDiskCapacity", message);
            throw new ImageGcException(message);
        }
        int usagePercent = 100 - (int) (available * 100 / capacity);
        if (usagePercent < policy.highThresholdPercent()) {
            log.debug("image filesystem {} is {}% used, below the high threshold {}%", stats.mountpoint(),
                    usagePercent, policy.highThresholdPercent());
            return;
        }
        long amountToFree = capacity * (100 - policy.lowThresholdPercent()) / 100 - available;
        log.info("disk usage on image filesystem {} is at {}% which is over the high threshold ({}%); trying to free "
                        + "{} bytes down to the low threshold ({}%)", stats.mountpoint(), usagePercent,
                policy.highThresholdPercent(), amountToFree, policy.lowThresholdPercent());
        long freed = freeSpace(amountToFree, freeTime, candidates);
        if (freed < amountToFree) {
            String message = "Failed to garbage collect required amount of images. Attempted to free " + amountToFree
                    + " bytes, but only found " + freed + " bytes eligible to free.";
            recorder.event(node, EventRecorder.WARNING, "FreeDiskSpaceFailed", message);
            throw new ImageGcException(message);
        }
    }

    /** Records the runtime's images and their use; returns those no container uses, oldest last use first. */
    private List<ImageRecord> imagesInEvictionOrder(Instant now) {
        List<Image> current = images.listImages();
        Set<String> inUse = images.imagesInUse();
        Map<String, ImageRecord> seen = new HashMap<>();
        List<ImageRecord> unused = new ArrayList<>();
        for (Image image : current) {
            ImageRecord before = records.get(image.id());
            Instant firstDetected = before == null ? now : before.firstDetected();
            boolean used = inUse.stream().anyMatch(image::isNamedBy);
            ImageRecord record = new ImageRecord(image, firstDetected, used ? now : before == null ? null : before.lastUsed());
            seen.put(image.id(), record);
            if (used) {
                log.trace("image {} is in use", image.id());
            } else if (image.pinned()) {
                log.trace("image {} is pinned, skipping garbage collection", image.id());
            } else {
                unused.add(record);
            }
        }
        records.clear();
        records.putAll(seen);
        unused.sort(Comparator.comparing((ImageRecord r) -> r.lastUsed() == null ? Instant.MIN : r.lastUsed())
                .thenComparing(ImageRecord::firstDetected));
        return unused;
    }

    /** Removes candidates until {@code bytesToFree} are freed; returns the bytes freed. */
    private long freeSpace(long bytesToFree, Instant freeTime, List<ImageRecord> candidates) {
        List<String> errors = new ArrayList<>();
        long freed = 0;
        for (ImageRecord r : candidates) {
            if (r.lastUsed() != null && !r.lastUsed().isBefore(freeTime)) {
                continue; // used in this very run
            }
            Duration age = Duration.between(r.firstDetected(), freeTime);
            if (age.compareTo(policy.minAge()) < 0) {
                log.debug("image {} is {} old, younger than the minimum age {}: kept", r.image().id(), age,
                        policy.minAge());
                continue;
            }
            log.info("image garbage collection: removing image {} ({}) to free {} bytes", r.image().id(),
                    r.image().displayName(), r.image().sizeBytes());
            try {
                images.removeImage(r.image().id());
            } catch (RuntimeException e) {
                log.warn("image garbage collection: failed to remove image {}: {}", r.image().id(), e.getMessage());
                errors.add("failed to remove image " + r.image().id() + ": " + e.getMessage());
                continue;
            }
            records.remove(r.image().id());
            freed += r.image().sizeBytes();
            if (freed >= bytesToFree) {
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw new ImageGcException("wanted to free " + bytesToFree + " bytes, but freed " + freed
                    + " bytes space with errors in image deletion: "
                    + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]"));
        }
        return freed;
    }
}
