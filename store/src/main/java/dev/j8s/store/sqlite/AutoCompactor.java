package dev.j8s.store.sqlite;

import dev.j8s.store.Store;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Periodically compacts all history but the last {@code retain} revisions, as the Kubernetes API
 * server does every five minutes against etcd; watchers from older revisions then get 410 Gone.
 */
final class AutoCompactor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AutoCompactor.class);

    private final Store store;
    private final long retain;
    private final ScheduledExecutorService scheduler;

    AutoCompactor(Store store, long retain, Duration interval) {
        this.store = store;
        this.retain = retain;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("j8s-store-compactor").daemon(true).factory());
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::compactOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    void compactOnce() {
        try {
            long target = store.currentRevision() - retain;
            if (target > store.compactedRevision()) {
                store.compact(target);
                log.debug("compacted history up to revision {}", target);
            }
        } catch (RuntimeException e) {
            log.warn("automatic compaction failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
