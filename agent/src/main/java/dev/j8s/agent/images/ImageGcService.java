package dev.j8s.agent.images;

import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ImageService;
import dev.j8s.client.KubeClient;
import dev.j8s.client.events.ApiEventSink;
import dev.j8s.client.events.EventBroadcaster;
import dev.j8s.client.events.EventSource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's image garbage collection every policy period from the agent's start on (one named thread), with
 * the events it records going to the API as the kubelet's (source {@code kubelet}, the node as host). A runtime
 * without images (process) or a high threshold of 100 leaves nothing to run.
 */
public final class ImageGcService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImageGcService.class);

    private final ImageGarbageCollector collector;
    private final EventBroadcaster events;
    private ScheduledExecutorService executor;

    private ImageGcService(ImageGarbageCollector collector, EventBroadcaster events) {
        this.collector = collector;
        this.events = events;
    }

    /** The service for {@code runtime}'s images; nothing runs until {@link #start()}. */
    public static ImageGcService create(KubeClient client, ContainerRuntime runtime, String nodeName,
                                        ImageGcPolicy policy, Clock clock) {
        Optional<ImageService> images = runtime.images();
        if (images.isEmpty()) {
            log.debug("image garbage collection: the {} runtime has no images, nothing to collect", runtime.name());
            return new ImageGcService(null, null);
        }
        if (policy.disabled()) {
            log.info("image garbage collection is off: --image-gc-high-threshold is 100");
            return new ImageGcService(null, null);
        }
        EventBroadcaster events = new EventBroadcaster("kubelet-image-gc",
                new ApiEventSink(client.resources(Event.class)), clock);
        return new ImageGcService(new ImageGarbageCollector(images.get(), ImageFsUsage.of(images.get()), policy,
                events.newRecorder(new EventSource("kubelet", nodeName)), nodeReference(nodeName), clock), events);
    }

    /** The kubelet's nodeRef: kind Node, the node's name, and the name again as UID. */
    static Node nodeReference(String nodeName) {
        return new NodeBuilder().withNewMetadata().withName(nodeName).withUid(nodeName).endMetadata().build();
    }

    /** Runs the collection now and then every period. */
    public synchronized ImageGcService start() {
        if (collector != null && executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("j8s-kubelet-image-gc").daemon().factory());
            long period = collector.policy().period().toMillis();
            executor.scheduleWithFixedDelay(collector::runOnce, 0, period, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (events != null) {
            events.close();
        }
    }
}
