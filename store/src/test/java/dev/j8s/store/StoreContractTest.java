package dev.j8s.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Store} backend must do; one subclass per backend. */
abstract class StoreContractTest {

    protected Store store;

    protected abstract Store newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void createGetUpdateDeleteWithCompareAndSwap() {
        KeyValue created = store.create("/a/1", b("one"));
        assertThat(created.createRevision()).isEqualTo(created.modRevision()).isPositive();
        assertThat(s(store.get("/a/1").orElseThrow().value())).isEqualTo("one");
        assertThatThrownBy(() -> store.create("/a/1", b("again"))).isInstanceOf(KeyExistsException.class);

        KeyValue updated = store.update("/a/1", b("two"), created.modRevision());
        assertThat(updated.modRevision()).isGreaterThan(created.modRevision());
        assertThat(updated.createRevision()).isEqualTo(created.createRevision());
        assertThatThrownBy(() -> store.update("/a/1", b("stale"), created.modRevision()))
                .isInstanceOf(ConflictException.class);
        assertThat(s(store.get("/a/1").orElseThrow().value())).isEqualTo("two");
        assertThat(store.update("/a/1", b("any"), 0).modRevision()).isGreaterThan(updated.modRevision());

        assertThatThrownBy(() -> store.delete("/a/1", 1)).isInstanceOf(ConflictException.class);
        KeyValue deleted = store.delete("/a/1", 0);
        assertThat(s(deleted.value())).isEqualTo("any");
        assertThat(store.get("/a/1")).isEmpty();
        assertThatThrownBy(() -> store.delete("/a/1", 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> store.update("/a/missing", b("x"), 0)).isInstanceOf(KeyNotFoundException.class);
        assertThat(store.currentRevision()).isEqualTo(deleted.modRevision());
    }

    @Test
    void listsPagesInKeyOrderWithRemainingCount() {
        for (int i = 0; i < 10; i++) {
            store.create("/p/k" + i, b("v" + i));
        }
        store.create("/q/other", b("x"));
        ListResult first = store.list("/p/", null, 4);
        assertThat(first.items()).extracting(KeyValue::key).containsExactly("/p/k0", "/p/k1", "/p/k2", "/p/k3");
        assertThat(first.remaining()).isEqualTo(6);
        assertThat(first.revision()).isEqualTo(store.currentRevision());
        ListResult second = store.list("/p/", "/p/k3", 4);
        assertThat(second.items()).extracting(KeyValue::key).containsExactly("/p/k4", "/p/k5", "/p/k6", "/p/k7");
        ListResult last = store.list("/p/", "/p/k7", 4);
        assertThat(last.items()).hasSize(2);
        assertThat(last.hasMore()).isFalse();
        assertThat(store.list("/p/", null, 0).items()).hasSize(10);
        assertThat(store.count("/p/")).isEqualTo(10);
        assertThat(store.count("/")).isEqualTo(11);
    }

    @Test
    void watchReplaysFromRevisionThenDeliversLiveEventsInOrder() {
        KeyValue a = store.create("/w/a", b("1"));
        store.create("/other/x", b("1"));
        KeyValue a2 = store.update("/w/a", b("2"), 0);
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        try (Watch watch = store.watch("/w/", a.modRevision(), seen::add)) {
            store.create("/w/b", b("1"));
            store.delete("/w/a", 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 3);
            assertThat(seen.get(0).kv().modRevision()).isEqualTo(a2.modRevision());
            assertThat(seen.get(0).prevKv().modRevision()).isEqualTo(a.modRevision());
            assertThat(seen.get(1).isCreate()).isTrue();
            assertThat(seen.get(2).type()).isEqualTo(WatchEvent.Type.DELETE);
            assertThat(s(seen.get(2).kv().value())).isEqualTo("2");
            assertThat(seen).extracting(WatchEvent::revision).isSorted();
        }
    }

    @Test
    void watchFromCompactedRevisionFails() {
        KeyValue first = store.create("/c/a", b("1"));
        store.update("/c/a", b("2"), 0);
        store.update("/c/a", b("3"), 0);
        store.compact(store.currentRevision() - 1);
        assertThatThrownBy(() -> store.watch("/c/", first.modRevision(), e -> { }))
                .isInstanceOf(CompactedException.class);
        assertThat(store.compactedRevision()).isEqualTo(store.currentRevision() - 1);
        store.watch("/c/", store.currentRevision(), e -> { }).close();
    }

    @Test
    void concurrentWritersGetUniqueIncreasingRevisionsAndWatchersSeeEachOnce() throws Exception {
        List<WatchEvent> seen = new CopyOnWriteArrayList<>();
        int threads = 16;
        int perThread = 50;
        try (Watch watch = store.watch("/cc/", store.currentRevision(), seen::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    List<Long> revs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        revs.add(store.create("/cc/" + id + "-" + i, b("x")).modRevision());
                    }
                    return revs;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                List<Long> revs = f.get();
                assertThat(revs).isSorted();
                all.addAll(revs);
            }
            pool.shutdown();
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == threads * perThread);
            assertThat(seen).extracting(WatchEvent::revision).isSorted().doesNotHaveDuplicates();
        }
    }
}
