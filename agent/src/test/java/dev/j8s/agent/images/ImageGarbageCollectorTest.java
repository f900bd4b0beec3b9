package dev.j8s.agent.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.j8s.agent.runtime.Image;
import dev.j8s.agent.runtime.ImageService;
import dev.j8s.agent.runtime.RuntimeFailure;
import dev.j8s.client.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kubelet's image GC policy on a fake runtime, a fake filesystem and a clock the test moves. */
class ImageGarbageCollectorTest {

    static final long MB = 1_000_000;

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /** Images held in memory; removing one frees its size on the fake filesystem. */
    static final class FakeImages implements ImageService, ImageFsUsage {
        final Map<String, Image> images = new LinkedHashMap<>();
        final Set<String> inUse = new HashSet<>();
        final Set<String> failing = new HashSet<>();
        final List<String> removed = new ArrayList<>();
        long capacity = 1000 * MB;
        long available;

        FakeImages add(String id, long size, boolean pinned) {
            images.put(id, new Image(id, List.of("example.test/" + id + ":1"),
                    List.of("example.test/" + id + "@sha256:" + id), size, pinned));
            return this;
        }

        @Override public List<Image> listImages() { return List.copyOf(images.values()); }
        @Override public Set<String> imagesInUse() { return Set.copyOf(inUse); }
        @Override public Path imageFilesystem() { return Path.of("/var/lib/fake"); }

        @Override
        public void removeImage(String imageId) {
            if (failing.contains(imageId)) {
                throw new RuntimeFailure("RemoveImage: image " + imageId + " is locked");
            }
            available += images.remove(imageId).sizeBytes();
            removed.add(imageId);
        }

        @Override
        public FsStats stats() {
            return new FsStats("/var/lib/fake", capacity, available);
        }
    }

    record Recorded(String type, String reason, String message) {}

    static final class Events implements EventRecorder {
        final List<Recorded> events = new ArrayList<>();

        @Override
        public void event(HasMetadata object, String type, String reason, String message) {
            assertThat(object.getKind()).isEqualTo("Node");
            assertThat(object.getMetadata().getName()).isEqualTo("n1");
            events.add(new Recorded(type, reason, message));
        }
    }

    final MovingClock clock = new MovingClock();
    final FakeImages runtime = new FakeImages();
    final Events events = new Events();

    ImageGarbageCollector collector(Duration minAge) {
        return new ImageGarbageCollector(runtime, runtime, new ImageGcPolicy(85, 80, minAge, Duration.ofMinutes(5)),
                events, ImageGcService.nodeReference("n1"), clock);
    }

    @Test
    void belowTheHighThresholdNothingIsRemoved() {
        runtime.add("a", 100 * MB, false).add("b", 100 * MB, false);
        runtime.available = 160 * MB; // 84 % used
        collector(Duration.ZERO).garbageCollect();

        assertThat(runtime.removed).isEmpty();
        assertThat(events.events).isEmpty();
    }

    @Test
    void atTheHighThresholdTheOldestUnusedImagesAreRemovedUntilTheLowThresholdIsReached() {
        runtime.add("never-used", 30 * MB, false).add("used-long-ago", 30 * MB, false)
                .add("used-lately", 30 * MB, false).add("running", 30 * MB, false);
        runtime.available = 900 * MB;
        ImageGarbageCollector gc = collector(Duration.ZERO);
        runtime.inUse.addAll(Set.of("used-long-ago", "used-lately", "running"));
        gc.garbageCollect();
        clock.advance(Duration.ofMinutes(1));
        runtime.inUse.remove("used-long-ago");
        gc.garbageCollect();
        clock.advance(Duration.ofMinutes(1));
        runtime.inUse.remove("used-lately");
        assertThat(runtime.removed).isEmpty();

        runtime.available = 150 * MB; // 85 % used: down to 80 % means freeing 50 MB
        gc.garbageCollect();

        // Never used first, then the one whose last use is oldest; 60 MB >= 50 MB: used-lately stays.
        assertThat(runtime.removed).containsExactly("never-used", "used-long-ago");
        assertThat(runtime.images).containsOnlyKeys("used-lately", "running");
        assertThat(events.events).isEmpty();
    }

    @Test
    void inUsePinnedAndTooYoungImagesAreKept() {
        runtime.add("in-use", 100 * MB, false).add("pinned", 100 * MB, true).add("old", 100 * MB, false);
        // In use by its repo digest, as a container's status names the image it runs.
        runtime.inUse.add("example.test/in-use@sha256:in-use");
        runtime.available = 1000 * MB;
        ImageGarbageCollector gc = collector(Duration.ofMinutes(2));
        gc.garbageCollect(); // first sight of them all

        clock.advance(Duration.ofMinutes(2));
        runtime.add("young", 100 * MB, false); // pulled just now
        runtime.available = 0; // 100 % used: 200 MB to free, only "old" may go
        String message = "Failed to garbage collect required amount of images. Attempted to free 200000000 bytes, "
                + "but only found 100000000 bytes eligible to free.";
        assertThatThrownBy(gc::garbageCollect).isInstanceOf(ImageGcException.class).hasMessage(message);

        assertThat(runtime.removed).containsExactly("old");
        assertThat(runtime.images).containsOnlyKeys("in-use", "pinned", "young");
        assertThat(events.events).containsExactly(new Recorded("Warning", "FreeDiskSpaceFailed", message));
    }

    @Test
    void aFailedRemovalIsReportedAndTheOthersGoOn() {
        runtime.add("locked", 40 * MB, false).add("b", 40 * MB, false).add("c", 40 * MB, false);
        runtime.failing.add("locked");
        runtime.available = 100 * MB; // 90 % used: 100 MB to free
        ImageGarbageCollector gc = collector(Duration.ZERO);

        assertThatThrownBy(gc::garbageCollect).isInstanceOf(ImageGcException.class)
                .hasMessage("wanted to free 100000000 bytes, but freed 80000000 bytes space with errors in image "
                        + "deletion: failed to remove image locked: RemoveImage: image locked is locked");
        assertThat(runtime.removed).containsExactly("b", "c");
    }

    @Test
    void aFailureIsOnlyLoggedOnceAndBecomesAnImageGcFailedEventWhenItRepeats() {
        runtime.add("locked", 40 * MB, false);
        runtime.failing.add("locked");
        runtime.available = 0;
        ImageGarbageCollector gc = collector(Duration.ZERO);

        gc.runOnce();
        assertThat(events.events).isEmpty();
        gc.runOnce();
        assertThat(events.events).containsExactly(new Recorded("Warning", "ImageGCFailed",
                "wanted to free 200000000 bytes, but freed 0 bytes space with errors in image deletion: "
                        + "failed to remove image locked: RemoveImage: image locked is locked"));

        runtime.failing.clear();
        runtime.available = 900 * MB;
        gc.runOnce();
        gc.runOnce();
        assertThat(events.events).hasSize(1);
    }

    @Test
    void aFilesystemWithoutCapacityIsAnInvalidDiskCapacityEvent() {
        runtime.capacity = 0;
        assertThatThrownBy(collector(Duration.ZERO)::garbageCollect).hasMessage("invalid capacity 0 on image filesystem");
        assertThat(events.events).containsExactly(new Recorded("Warning", "InvalidDiskCapacity",
                "invalid capacity 0 on image filesystem"));
    }
}
