package dev.j8s.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.store.sqlite.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return SqliteStore.open(dir.resolve("state.db"));
    }

    @Test
    void reopenKeepsDataAndRevisionsContinue() {
        store.create("/r/a", b("1"));
        KeyValue last = store.update("/r/a", b("2"), 0);
        store.close();
        store = SqliteStore.open(dir.resolve("state.db"));
        assertThat(s(store.get("/r/a").orElseThrow().value())).isEqualTo("2");
        assertThat(store.currentRevision()).isEqualTo(last.modRevision());
        assertThat(store.create("/r/b", b("x")).modRevision()).isGreaterThan(last.modRevision());
    }

    @Test
    void watchFromOldRevisionReplaysFromTheLog() throws Exception {
        KeyValue first = store.create("/h/a", b("1"));
        store.update("/h/a", b("2"), 0);
        store.close();
        store = SqliteStore.open(dir.resolve("state.db"));
        java.util.List<WatchEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Watch w = store.watch("/h/", first.modRevision(), seen::add)) {
            org.awaitility.Awaitility.await().until(() -> seen.size() == 1);
            assertThat(s(seen.get(0).kv().value())).isEqualTo("2");
            assertThat(s(seen.get(0).prevKv().value())).isEqualTo("1");
        }
    }
}
