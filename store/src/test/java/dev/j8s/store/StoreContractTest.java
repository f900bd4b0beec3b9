package dev.j8s.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@link Store} contract; each backend runs it through a subclass. */
@Timeout(60)
public abstract class StoreContractTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    protected Store store;
    private final List<Store> opened = new ArrayList<>();

    /** A fresh, empty store; small capacities make the ring fallback and slow watchers reachable. */
    protected abstract Store newStore(int ringCapacity, int watchQueueCapacity);

    protected Store open(int ringCapacity, int watchQueueCapacity) {
        Store s = newStore(ringCapacity, watchQueueCapacity);
        opened.add(s);
        return s;
    }

    @BeforeEach
    void openStore() {
        store = open(10_000, 10_000);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    protected static String text(KeyValue kv) {
        return new String(kv.value(), UTF_8);
    }

    @Test
    void emptyStoreIsAtRevisionZero() {
        assertThat(store.currentRevision()).isZero();
        assertThat(store.compactedRevision()).isZero();
        assertThat(store.get("/a")).isEmpty();
    }

    @Test
    void createThenGet() {
        KeyValue created = store.create("/pods/a", bytes("v1"));

        assertThat(created.createRevision()).isEqualTo(1).isEqualTo(created.modRevision());
        assertThat(store.currentRevision()).isEqualTo(1);
        KeyValue read = store.get("/pods/a").orElseThrow();
        assertThat(text(read)).isEqualTo("v1");
        assertThat(read.createRevision()).isEqualTo(1);
        assertThat(read.modRevision()).isEqualTo(1);
    }

    @Test
    void createOfExistingKeyFailsAndConsumesNoRevision() {
        store.create("/a", bytes("v1"));

        assertThatThrownBy(() -> store.create("/a", bytes("v2"))).isInstanceOf(KeyExistsException.class);
        assertThat(text(store.get("/a").orElseThrow())).isEqualTo("v1");
        assertThat(store.currentRevision()).isEqualTo(1);
    }

    @Test
    void updateWithMatchingRevisionReplacesValueAndKeepsCreateRevision() {
        KeyValue created = store.create("/a", bytes("v1"));
        store.create("/b", bytes("other"));

        KeyValue updated = store.update("/a", bytes("v2"), created.modRevision());

        assertThat(updated.createRevision()).isEqualTo(1);
        assertThat(updated.modRevision()).isEqualTo(3);
        assertThat(text(store.get("/a").orElseThrow())).isEqualTo("v2");
    }

    @Test
    void updateWithStaleRevisionConflicts() {
        KeyValue created = store.create("/a", bytes("v1"));
        store.update("/a", bytes("v2"), created.modRevision());

        assertThatThrownBy(() -> store.update("/a", bytes("v3"), created.modRevision()))
                .isInstanceOf(ConflictException.class);
        assertThat(text(store.get("/a").orElseThrow())).isEqualTo("v2");
        assertThat(store.currentRevision()).isEqualTo(2);
    }

    @Test
    void updateWithRevisionZeroIsUnconditional() {
        store.create("/a", bytes("v1"));
        store.update("/a", bytes("v2"), 0);

        assertThat(store.update("/a", bytes("v3"), 0).modRevision()).isEqualTo(3);
    }

    @Test
    void updateOrDeleteOfMissingKeyIsNotFound() {
        assertThatThrownBy(() -> store.update("/missing", bytes("v"), 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> store.delete("/missing", 0)).isInstanceOf(KeyNotFoundException.class);
        assertThat(store.currentRevision()).isZero();
    }

    @Test
    void deleteWithStaleRevisionConflictsAndKeepsKey() {
        KeyValue created = store.create("/a", bytes("v1"));
        store.update("/a", bytes("v2"), 0);

        assertThatThrownBy(() -> store.delete("/a", created.modRevision())).isInstanceOf(ConflictException.class);
        assertThat(store.get("/a")).isPresent();
    }

    @Test
    void deleteReturnsLastValueAtTheDeletionRevision() {
        store.create("/a", bytes("v1"));
        KeyValue updated = store.update("/a", bytes("v2"), 0);

        KeyValue deleted = store.delete("/a", updated.modRevision());

        assertThat(text(deleted)).isEqualTo("v2");
        assertThat(deleted.createRevision()).isEqualTo(1);
        assertThat(deleted.modRevision()).isEqualTo(3);
        assertThat(store.get("/a")).isEmpty();
        assertThat(store.currentRevision()).isEqualTo(3);
    }

    @Test
    void recreatedKeyGetsNewCreateRevision() {
        store.create("/a", bytes("v1"));
        store.delete("/a", 0);

        KeyValue again = store.create("/a", bytes("v2"));

        assertThat(again.createRevision()).isEqualTo(3);
    }

    @Test
    void listPagesThroughPrefixWithRemainingCounts() {
        for (String key : List.of("/pods/ns1/a", "/pods/ns1/b", "/pods/ns1/c", "/pods/ns1/d", "/pods/ns1/e",
                "/pods/ns10/x", "/pods/ns2/z", "/services/ns1/a", "/pods/ns")) {
            store.create(key, bytes(key));
        }

        ListResult first = store.list("/pods/ns1/", null, 2);
        assertThat(first.items()).extracting(KeyValue::key).containsExactly("/pods/ns1/a", "/pods/ns1/b");
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(first.hasMore()).isTrue();
        assertThat(first.revision()).isEqualTo(9);

        ListResult second = store.list("/pods/ns1/", "/pods/ns1/b", 2);
        assertThat(second.items()).extracting(KeyValue::key).containsExactly("/pods/ns1/c", "/pods/ns1/d");
        assertThat(second.remaining()).isEqualTo(1);

        ListResult last = store.list("/pods/ns1/", "/pods/ns1/d", 2);
        assertThat(last.items()).extracting(KeyValue::key).containsExactly("/pods/ns1/e");
        assertThat(last.remaining()).isZero();
        assertThat(last.hasMore()).isFalse();
    }

    @Test
    void listWithoutLimitReturnsEverythingUnderPrefixInKeyOrder() {
        for (String key : List.of("/b/2", "/a/1", "/b/1", "/b/10", "/c")) {
            store.create(key, bytes(key));
        }

        ListResult all = store.list("/b/", null, 0);

        assertThat(all.items()).extracting(KeyValue::key).containsExactly("/b/1", "/b/10", "/b/2");
        assertThat(all.remaining()).isZero();
        assertThat(store.list("", null, 0).items()).hasSize(5);
        assertThat(store.list("/nothing/", null, 10).items()).isEmpty();
    }

    @Test
    void listExactlyFillingThePageHasNothingRemaining() {
        store.create("/a/1", bytes("1"));
        store.create("/a/2", bytes("2"));

        ListResult page = store.list("/a/", null, 2);

        assertThat(page.items()).hasSize(2);
        assertThat(page.remaining()).isZero();
    }

    @Test
    void countCountsKeysUnderPrefix() {
        for (String key : List.of("/pods/a/1", "/pods/a/2", "/pods/b/1", "/podsx/1")) {
            store.create(key, bytes(key));
        }
        store.delete("/pods/a/2", 0);

        assertThat(store.count("/pods/")).isEqualTo(2);
        assertThat(store.count("/pods/a/")).isEqualTo(1);
        assertThat(store.count("")).isEqualTo(3);
        assertThat(store.count("/none/")).isZero();
    }

    @Test
    void everySuccessfulWriteGetsTheNextRevision() {
        List<Long> revisions = new ArrayList<>();
        revisions.add(store.create("/a", bytes("1")).modRevision());
        revisions.add(store.create("/b", bytes("1")).modRevision());
        revisions.add(store.update("/a", bytes("2"), 0).modRevision());
        assertThatThrownBy(() -> store.create("/a", bytes("x"))).isInstanceOf(KeyExistsException.class);
        revisions.add(store.delete("/b", 0).modRevision());
        revisions.add(store.create("/c", bytes("1")).modRevision());

        assertThat(revisions).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.currentRevision()).isEqualTo(5);
    }

    @Test
    void watchFromRevisionReplaysLaterEventsThenDeliversLiveOnes() {
        store.create("/a", bytes("1"));
        KeyValue second = store.create("/b", bytes("1"));
        store.update("/a", bytes("2"), 0);
        RecordingListener listener = new RecordingListener();

        Watch watch = store.watch("/", second.modRevision() - 1, listener);
        await().atMost(WAIT).until(() -> listener.events().size() == 2);
        store.delete("/b", 0);
        store.create("/c", bytes("1"));
        await().atMost(WAIT).until(() -> listener.events().size() == 4);
        watch.close();

        assertThat(listener.revisions()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(listener.keys()).containsExactly("/b", "/a", "/b", "/c");
        assertThat(listener.events()).extracting(WatchEvent::type).containsExactly(
                WatchEvent.Type.PUT, WatchEvent.Type.PUT, WatchEvent.Type.DELETE, WatchEvent.Type.PUT);
        assertThat(listener.threadNames()).allMatch(name -> name.startsWith("j8s-store-watch-"));
        assertThat(listener.overlaps()).isZero();
    }

    @Test
    void watchFromZeroStartsAtTheCurrentRevision() {
        store.create("/a", bytes("1"));
        RecordingListener listener = new RecordingListener();

        store.watch("/", 0, listener);
        store.create("/b", bytes("1"));

        await().atMost(WAIT).until(() -> listener.events().size() == 1);
        assertThat(listener.keys()).containsExactly("/b");
    }

    @Test
    void watchFromCurrentRevisionDeliversOnlyNewEvents() {
        store.create("/a", bytes("1"));
        RecordingListener listener = new RecordingListener();

        store.watch("/", store.currentRevision(), listener);
        store.update("/a", bytes("2"), 0);

        await().atMost(WAIT).until(() -> listener.events().size() == 1);
        assertThat(listener.revisions()).containsExactly(2L);
    }

    @Test
    void watchFromAFutureRevisionSkipsEverythingUpToIt() {
        store.create("/a", bytes("1"));
        RecordingListener listener = new RecordingListener();

        store.watch("/", 3, listener);
        store.create("/b", bytes("1"));
        store.create("/c", bytes("1"));
        store.create("/d", bytes("1"));

        await().atMost(WAIT).until(() -> listener.events().size() == 1);
        assertThat(listener.keys()).containsExactly("/d");
    }

    @Test
    void watchFiltersByPrefix() {
        store.create("/pods/ns1/old", bytes("1"));
        RecordingListener live = new RecordingListener();

        store.watch("/pods/ns1/", 0, live);
        store.create("/pods/ns10/x", bytes("1"));
        store.create("/pods/ns1/a", bytes("1"));
        store.create("/services/ns1/a", bytes("1"));
        store.create("/pods/ns1/b", bytes("1"));
        RecordingListener replay = new RecordingListener();
        store.watch("/pods/ns1/", 1, replay);

        await().atMost(WAIT).until(() -> live.events().size() == 2 && replay.events().size() == 2);
        assertThat(live.keys()).containsExactly("/pods/ns1/a", "/pods/ns1/b");
        assertThat(replay.keys()).containsExactly("/pods/ns1/a", "/pods/ns1/b");
    }

    @Test
    void putEventsCarryPreviousValue() {
        RecordingListener listener = new RecordingListener();
        store.watch("/", 0, listener);
        store.create("/a", bytes("v1"));
        store.update("/a", bytes("v2"), 0);

        await().atMost(WAIT).until(() -> listener.events().size() == 2);
        WatchEvent create = listener.events().get(0);
        assertThat(create.isCreate()).isTrue();
        assertThat(create.prevKv()).isNull();
        WatchEvent update = listener.events().get(1);
        assertThat(update.isCreate()).isFalse();
        assertThat(text(update.kv())).isEqualTo("v2");
        assertThat(update.kv().createRevision()).isEqualTo(1);
        assertThat(update.kv().modRevision()).isEqualTo(2);
        assertThat(text(update.prevKv())).isEqualTo("v1");
        assertThat(update.prevKv().modRevision()).isEqualTo(1);
    }

    @Test
    void deleteEventCarriesLastValueAtDeletionRevisionAndPrevKvAtItsOwnRevision() {
        store.create("/a", bytes("v1"));
        store.update("/a", bytes("v2"), 0);
        store.delete("/a", 0);
        RecordingListener live = new RecordingListener();
        RecordingListener replayed = new RecordingListener();
        store.watch("/", 0, live);
        store.create("/b", bytes("v1"));
        store.delete("/b", 0);
        store.watch("/", 2, replayed);

        await().atMost(WAIT).until(() -> live.events().size() == 2 && replayed.events().size() == 3);
        assertDeleteEvent(replayed.events().get(0), "/a", "v2", 1, 3, 2);
        assertDeleteEvent(live.events().get(1), "/b", "v1", 4, 5, 4);
    }

    private static void assertDeleteEvent(WatchEvent event, String key, String lastValue, long createRevision,
            long deleteRevision, long prevRevision) {
        assertThat(event.type()).isEqualTo(WatchEvent.Type.DELETE);
        assertThat(event.revision()).isEqualTo(deleteRevision);
        assertThat(event.kv().key()).isEqualTo(key);
        assertThat(text(event.kv())).isEqualTo(lastValue);
        assertThat(event.kv().createRevision()).isEqualTo(createRevision);
        assertThat(event.prevKv().key()).isEqualTo(key);
        assertThat(text(event.prevKv())).isEqualTo(lastValue);
        assertThat(event.prevKv().createRevision()).isEqualTo(createRevision);
        assertThat(event.prevKv().modRevision()).isEqualTo(prevRevision);
    }

    @Test
    void watchOlderThanTheRingReplaysFromHistoryWithoutGapOrDuplicate() {
        Store small = open(4, 10_000);
        IntStream.rangeClosed(1, 20).forEach(i -> small.create("/k/" + i, bytes("v" + i)));
        small.update("/k/3", bytes("changed"), 0);
        RecordingListener listener = new RecordingListener();

        small.watch("/k/", 2, listener);
        IntStream.rangeClosed(21, 30).forEach(i -> small.create("/k/" + i, bytes("v" + i)));

        await().atMost(WAIT).until(() -> listener.events().size() == 29);
        assertThat(listener.revisions()).isEqualTo(LongRange.closed(3, 31));
        WatchEvent update = listener.events().get(18);
        assertThat(text(update.kv())).isEqualTo("changed");
        assertThat(text(update.prevKv())).isEqualTo("v3");
        assertThat(listener.overlaps()).isZero();
    }

    @Test
    void watchFromCompactedRevisionFails() {
        IntStream.rangeClosed(1, 10).forEach(i -> store.create("/k/" + i, bytes("v")));

        store.compact(6);

        assertThat(store.compactedRevision()).isEqualTo(6);
        assertThatThrownBy(() -> store.watch("/", 5, new RecordingListener()))
                .isInstanceOf(CompactedException.class);
        RecordingListener atCompaction = new RecordingListener();
        store.watch("/", 6, atCompaction);
        await().atMost(WAIT).until(() -> atCompaction.events().size() == 4);
        assertThat(atCompaction.revisions()).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void compactionBeyondTheRingMakesHistoryReplayFail() {
        Store small = open(2, 10_000);
        IntStream.rangeClosed(1, 10).forEach(i -> small.create("/k/" + i, bytes("v")));

        small.compact(8);

        assertThatThrownBy(() -> small.watch("/", 3, new RecordingListener()))
                .isInstanceOf(CompactedException.class);
        assertThat(small.get("/k/1")).isPresent();
        small.compact(5);
        assertThat(small.compactedRevision()).isEqualTo(8);
    }

    @Test
    void compactionNeverGoesPastTheCurrentRevisionAndRevisionsKeepIncreasing() {
        store.create("/a", bytes("1"));
        store.delete("/a", 0);

        store.compact(100);

        assertThat(store.compactedRevision()).isEqualTo(2);
        assertThat(store.create("/a", bytes("2")).modRevision()).isEqualTo(3);
    }

    @Test
    void closedWatchReceivesNothingMore() {
        RecordingListener listener = new RecordingListener();
        Watch watch = store.watch("/", 0, listener);
        store.create("/a", bytes("1"));
        await().atMost(WAIT).until(() -> listener.events().size() == 1);

        watch.close();
        store.create("/b", bytes("1"));
        RecordingListener witness = new RecordingListener();
        store.watch("/", 1, witness);

        await().atMost(WAIT).until(() -> witness.events().size() == 1);
        assertThat(listener.events()).hasSize(1);
        assertThat(listener.closeCause()).isNull();
    }

    @Test
    void slowWatcherIsEndedWithoutBlockingWriters() throws Exception {
        Store small = open(100, 4);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        RecordingListener recorder = new RecordingListener();
        small.watch("/", 0, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                entered.countDown();
                awaitQuietly(release);
                recorder.onEvent(event);
            }

            @Override
            public void onClose(Throwable cause) {
                recorder.onClose(cause);
            }
        });

        small.create("/first", bytes("1"));
        entered.await();
        IntStream.rangeClosed(1, 20).forEach(i -> small.create("/k/" + i, bytes("v")));
        assertThat(small.currentRevision()).isEqualTo(21);
        release.countDown();

        await().atMost(WAIT).until(() -> recorder.closeCause() != null);
        assertThat(recorder.closeCause()).isInstanceOf(StoreException.class).hasMessageContaining("fell behind");
        assertThat(recorder.events()).hasSizeLessThan(21);
    }

    @Test
    void closingTheStoreEndsWatches() {
        Store other = open(100, 100);
        RecordingListener listener = new RecordingListener();
        other.watch("/", 0, listener);

        other.close();

        await().atMost(WAIT).until(() -> listener.closeCause() != null);
        assertThat(listener.closeCause()).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> other.create("/a", bytes("1"))).isInstanceOf(StoreException.class);
    }

    @Test
    void concurrentWritersGetUniqueIncreasingRevisionsAndAWatcherSeesEachOnceInOrder() throws Exception {
        int threads = 16;
        int perThread = 250;
        RecordingListener listener = new RecordingListener();
        store.watch("/c/", store.currentRevision(), listener);
        Set<Long> revisions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    long last = 0;
                    for (int i = 0; i < perThread; i++) {
                        KeyValue kv = store.create("/c/" + thread + "/" + i, bytes("v"));
                        assertThat(kv.modRevision()).isGreaterThan(last);
                        last = kv.modRevision();
                        revisions.add(kv.modRevision());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        int total = threads * perThread;
        assertThat(revisions).hasSize(total);
        assertThat(store.currentRevision()).isEqualTo(total);
        await().atMost(WAIT).until(() -> listener.events().size() >= total);
        assertThat(listener.revisions()).isEqualTo(LongRange.closed(1, total));
        assertThat(listener.overlaps()).isZero();
        assertThat(store.count("/c/")).isEqualTo(total);
    }

    @Test
    void watchesStartedDuringConcurrentWritesHaveNoGapOrDuplicate() throws Exception {
        Store small = open(16, 100_000);
        int threads = 8;
        int perThread = 150;
        small.create("/c/seed", bytes("v"));
        List<RecordingListener> watchers = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        small.create("/c/" + thread + "/" + i, bytes("v"));
                    }
                    return null;
                }));
            }
            // Start watches at several points while writes are flowing: some from just behind
            // the head (the ring), some from the beginning (the history), one from now.
            for (int round = 0; round < 5; round++) {
                long head = small.currentRevision();
                for (long from : new long[] {Math.max(1, head - 4), 1, 0}) {
                    RecordingListener listener = new RecordingListener();
                    small.watch("/c/", from, listener);
                    watchers.add(listener);
                    starts.add(from == 0 ? -1 : from);
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        // Every watch, including those started after the writers finished, must see this one.
        long last = small.create("/c/final", bytes("v")).modRevision();
        assertThat(last).isEqualTo(2 + threads * perThread);
        for (int i = 0; i < watchers.size(); i++) {
            RecordingListener listener = watchers.get(i);
            await().atMost(WAIT).until(() -> !listener.events().isEmpty()
                    && listener.events().getLast().revision() == last);
            List<Long> seen = listener.revisions();
            long first = starts.get(i) == -1 ? seen.getFirst() : starts.get(i) + 1;
            assertThat(seen).as("watch %d from %d", i, starts.get(i)).isEqualTo(LongRange.closed(first, last));
            assertThat(listener.closeCause()).isNull();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Expected revision sequences. */
    static final class LongRange {
        static List<Long> closed(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
    }
}
