package dev.j8s.client.informer;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ListOptions;
import dev.j8s.client.ResourceList;
import dev.j8s.client.WatchEvent;
import dev.j8s.client.WatchOptions;
import dev.j8s.client.WatchStream;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ReflectorSink} in step with the server, as client-go's Reflector does: list, then
 * watch from the list's resourceVersion; when a watch ends or breaks, watch again from the last
 * resourceVersion seen (BOOKMARK events advance it too); when the server says that version is too
 * old (410 Gone / Expired), list again. One named thread, stopped by {@link #close}.
 */
public final class Reflector<T extends HasMetadata> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reflector.class);
    /** client-go lists in pages of 500 so a huge collection does not travel in one response. */
    private static final long PAGE_SIZE = 500;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(800);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration VERY_SHORT_WATCH = Duration.ofSeconds(1);

    private final String name;
    private final ListerWatcher<T> listerWatcher;
    private final ReflectorSink<T> sink;
    private final Duration minWatchTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile WatchStream<T> current;
    private volatile String lastResourceVersion = "";
    private volatile long relists;
    private volatile long watches;

    /**
     * @param minWatchTimeout each watch asks the server to end it after a random time between this and
     *                        twice this (client-go: 5 minutes), spreading reconnections of many clients
     */
    public Reflector(String name, ListerWatcher<T> listerWatcher, ReflectorSink<T> sink, Duration minWatchTimeout) {
        this.name = name;
        this.listerWatcher = listerWatcher;
        this.sink = sink;
        this.minWatchTimeout = minWatchTimeout;
        this.thread = new Thread(this::run, "j8s-reflector-" + name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The resourceVersion the cache is at: the last list's, or the last watch event's. */
    public String lastResourceVersion() {
        return lastResourceVersion;
    }

    /** How many times the reflector has listed (1 after the initial list; more after 410s). */
    public long lists() {
        return relists;
    }

    /** How many watches the reflector has opened. */
    public long watches() {
        return watches;
    }

    private boolean running() {
        return stopped.getCount() > 0;
    }

    private void run() {
        boolean needsList = true;
        Duration backoff = INITIAL_BACKOFF;
        while (running()) {
            try {
                if (needsList) {
                    list();
                    needsList = false;
                }
                needsList = watch();
                backoff = INITIAL_BACKOFF;
            } catch (ApiStatusException e) {
                if (e.isGone()) {
                    log.info("{}: resourceVersion {} is too old, listing again", name, lastResourceVersion);
                    needsList = true;
                    continue;
                }
                backoff = pause(backoff, e);
            } catch (RuntimeException | IOException e) {
                backoff = pause(backoff, e);
            }
        }
    }

    private void list() {
        List<T> items = new ArrayList<>();
        String version = null;
        String next = null;
        do {
            ResourceList<T> page;
            try {
                page = listerWatcher.list(ListOptions.ALL.withPage(PAGE_SIZE, next));
            } catch (ApiStatusException e) {
                if (!e.isGone() || next == null) {
                    throw e;
                }
                // The continue token expired mid-way: fall back to one unpaged list, as client-go does.
                items.clear();
                page = listerWatcher.list(ListOptions.ALL);
            }
            items.addAll(page.items());
            if (version == null) {
                version = page.resourceVersion();
            }
            next = page.continueToken();
        } while (next != null && running());
        if (!running()) {
            return;
        }
        lastResourceVersion = version;
        relists++;
        sink.replace(items, version);
    }

    /** Watches until the stream ends; true when the cache must be relisted (410). */
    private boolean watch() throws IOException {
        long started = System.nanoTime();
        int events = 0;
        long timeout = minWatchTimeout.toSeconds()
                + ThreadLocalRandom.current().nextLong(Math.max(1, minWatchTimeout.toSeconds()));
        try (WatchStream<T> stream = listerWatcher.watch(WatchOptions.from(lastResourceVersion)
                .withBookmarks(true).withTimeoutSeconds(timeout))) {
            current = stream;
            watches++;
            if (!running()) {
                return false;
            }
            WatchEvent<T> event;
            while ((event = stream.next()) != null) {
                events++;
                switch (event.type()) {
                    case ADDED -> sink.added(event.object());
                    case MODIFIED -> sink.modified(event.object());
                    case DELETED -> sink.deleted(event.object());
                    case BOOKMARK -> { }
                    case ERROR -> {
                        if (new ApiStatusException(event.status()).isGone()) {
                            log.info("{}: watch from {} expired, listing again", name, lastResourceVersion);
                            return true;
                        }
                        throw new ApiStatusException(event.status());
                    }
                }
                String version = ObjectKeys.resourceVersion(event.object());
                if (version != null && !version.isEmpty()) {
                    lastResourceVersion = version;
                }
            }
            // client-go treats a watch that ends at once with nothing in it as a failure, so a server
            // that keeps closing watches is retried with backoff instead of in a tight loop.
            if (events == 0 && running() && System.nanoTime() - started < VERY_SHORT_WATCH.toNanos()) {
                throw new IOException("very short watch: the server ended it at once with no events");
            }
            return false;
        } finally {
            current = null;
        }
    }

    private Duration pause(Duration backoff, Exception cause) {
        if (!running()) {
            return backoff;
        }
        log.warn("{}: list/watch failed, retrying in {} ms: {}", name, backoff.toMillis(), cause.toString());
        try {
            stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    }

    @Override
    public void close() {
        stopped.countDown();
        WatchStream<T> stream = current;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
