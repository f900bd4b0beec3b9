package dev.j8s.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.j8s.store.CompactedException;
import dev.j8s.store.KeyValue;
import dev.j8s.store.RecordingListener;
import dev.j8s.store.Store;
import dev.j8s.store.StoreContractTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;
    private int files;

    @Override
    protected Store newStore(int ringCapacity, int watchQueueCapacity) {
        return SqliteStore.open(dir.resolve("store-" + (files++) + ".db"),
                SqliteStoreOptions.defaults().withWatchCapacities(ringCapacity, watchQueueCapacity));
    }

    @Test
    void reopenKeepsDataAndRevisionsContinue() {
        Path file = dir.resolve("reopen.db");
        try (SqliteStore first = SqliteStore.open(file)) {
            first.create("/a", bytes("1"));
            first.create("/b", bytes("1"));
            first.update("/a", bytes("2"), 0);
        }

        try (SqliteStore second = SqliteStore.open(file)) {
            assertThat(second.currentRevision()).isEqualTo(3);
            KeyValue a = second.get("/a").orElseThrow();
            assertThat(text(a)).isEqualTo("2");
            assertThat(a.createRevision()).isEqualTo(1);
            assertThat(a.modRevision()).isEqualTo(3);
            assertThat(second.create("/c", bytes("1")).modRevision()).isEqualTo(4);
        }
    }

    @Test
    void revisionsAreNeverReusedAfterDeletesAndCompaction() {
        Path file = dir.resolve("no-reuse.db");
        try (SqliteStore first = SqliteStore.open(file)) {
            first.create("/a", bytes("1"));
            first.create("/b", bytes("1"));
            first.delete("/b", 0);
            first.compact(3);
        }

        try (SqliteStore second = SqliteStore.open(file)) {
            assertThat(second.currentRevision()).isEqualTo(3);
            assertThat(second.compactedRevision()).isEqualTo(3);
            assertThat(second.create("/b", bytes("2")).modRevision()).isEqualTo(4);
            assertThatThrownBy(() -> second.watch("/", 2, new RecordingListener()))
                    .isInstanceOf(CompactedException.class);
        }
    }

    @Test
    void watchAfterReopenReplaysFromTheLogTable() {
        Path file = dir.resolve("replay.db");
        try (SqliteStore first = SqliteStore.open(file)) {
            IntStream.rangeClosed(1, 5).forEach(i -> first.create("/k/" + i, bytes("v" + i)));
            first.delete("/k/2", 0);
        }

        try (SqliteStore second = SqliteStore.open(file)) {
            RecordingListener listener = new RecordingListener();
            second.watch("/k/", 3, listener);
            second.create("/k/7", bytes("v7"));

            await().atMost(Duration.ofSeconds(20)).until(() -> listener.events().size() == 4);
            assertThat(listener.revisions()).containsExactly(4L, 5L, 6L, 7L);
            assertThat(text(listener.events().get(2).prevKv())).isEqualTo("v2");
        }
    }

    @Test
    void automaticCompactionKeepsTheLastRevisions() {
        SqliteStoreOptions options = SqliteStoreOptions.defaults().withAutoCompaction(5, Duration.ofMillis(20));
        try (SqliteStore auto = SqliteStore.open(dir.resolve("auto.db"), options)) {
            IntStream.rangeClosed(1, 30).forEach(i -> auto.create("/k/" + i, bytes("v")));

            await().atMost(Duration.ofSeconds(20)).until(() -> auto.compactedRevision() == 25);
            assertThatThrownBy(() -> auto.watch("/", 24, new RecordingListener()))
                    .isInstanceOf(CompactedException.class);
            assertThat(auto.count("/k/")).isEqualTo(30);
        }
    }
}
