package dev.j8s.client.events;

import dev.j8s.client.ApiStatusException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns recorded events into API writes on one named background thread: a bounded queue (1000,
 * as client-go's broadcaster; further events are dropped rather than block the caller), the
 * {@link EventCorrelator}, then create or patch through the {@link EventSink}, retrying failed
 * writes up to 12 times 10 s apart.
 */
public final class EventBroadcaster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventBroadcaster.class);
    private static final int QUEUE_CAPACITY = 1000;
    private static final int MAX_TRIES = 12;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(10);
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);

    private final EventSink sink;
    private final Clock clock;
    private final EventCorrelator correlator;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread writer;

    public EventBroadcaster(String name, EventSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
        this.correlator = new EventCorrelator(clock);
        this.writer = new Thread(this::run, "j8s-events-" + name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A recorder stamping events with {@code source}; any number of recorders share this broadcaster. */
    public EventRecorder newRecorder(EventSource source) {
        return (object, type, reason, message) -> {
            if (stopping.getCount() == 0 || !queue.offer(makeEvent(source, object, type, reason, message))) {
                dropped.incrementAndGet();
            }
        };
    }

    /** Events thrown away because the queue was full (or the broadcaster closed). */
    public long dropped() {
        return dropped.get();
    }

    private Event makeEvent(EventSource source, HasMetadata object, String type, String reason, String message) {
        Instant now = clock.instant();
        ObjectMeta meta = object.getMetadata();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        // client-go names events "<object>.<unix nanos in hex>" and puts those about cluster-scoped
        // objects in the default namespace.
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        String namespace = meta.getNamespace() == null || meta.getNamespace().isEmpty() ? "default" : meta.getNamespace();
        return new EventBuilder()
                .withNewMetadata().withName(meta.getName() + "." + Long.toHexString(nanos)).withNamespace(namespace)
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder().withKind(object.getKind())
                        .withApiVersion(object.getApiVersion()).withNamespace(meta.getNamespace())
                        .withName(meta.getName()).withUid(meta.getUid())
                        .withResourceVersion(meta.getResourceVersion()).build())
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(timestamp).withLastTimestamp(timestamp).withCount(1)
                .withNewSource().withComponent(source.component())
                .withHost(source.host().isEmpty() ? null : source.host()).endSource()
                .withReportingComponent(source.component()).withReportingInstance(source.host())
                .build();
    }

    private void run() {
        while (stopping.getCount() > 0 || !queue.isEmpty()) {
            Event event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (event != null) {
                write(event);
            }
        }
    }

    private void write(Event event) {
        EventCorrelator.Result result = correlator.correlate(event);
        if (result.skip()) {
            return;
        }
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            try {
                correlator.recorded(result.key(), store(result));
                return;
            } catch (ApiStatusException e) {
                if (e.isAlreadyExists() || e.isInvalid()) {
                    log.warn("event {} rejected: {}", result.event().getMetadata().getName(), e.getMessage());
                    return;
                }
                log.warn("writing event {} failed (attempt {}): {}", result.event().getMetadata().getName(),
                        attempt, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("writing event {} failed (attempt {}): {}", result.event().getMetadata().getName(),
                        attempt, e.toString());
            }
            try {
                if (stopping.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Patch a repeat; if the stored event is gone (expired by its TTL), create it again. */
    private Event store(EventCorrelator.Result result) {
        if (result.patch() != null) {
            try {
                return sink.patch(result.event(), result.patch());
            } catch (ApiStatusException e) {
                if (!e.isNotFound()) {
                    throw e;
                }
            }
        }
        Event create = new EventBuilder(result.event()).editMetadata().withResourceVersion(null).endMetadata().build();
        return sink.create(create);
    }

    /** Stops accepting events, writes what is queued (for at most 5 s), and stops the writer thread. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            writer.join(DRAIN_ON_CLOSE.toMillis());
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
