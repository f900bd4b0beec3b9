package dev.j8s.store.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.store.KeyPrefix;
import dev.j8s.store.KeyValue;
import dev.j8s.store.WatchEvent;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventRingTest {

    @ParameterizedTest(name = "capacity {0}, {1} events: covers after {2}, after {3} -> {4}")
    @CsvSource({
        // capacity, events added (revisions 1..n), coveredAfter, query after, revisions returned
        "4, 0, 0, 0, ''",
        "4, 3, 0, 0, 1 2 3",
        "4, 3, 0, 2, 3",
        "4, 4, 0, 4, ''",
        "4, 6, 2, 2, 3 4 5 6",
        "4, 6, 2, 4, 5 6",
        "4, 9, 5, 7, 8 9",
        "1, 3, 2, 2, 3",
    })
    void keepsTheNewestEventsAndFindsThoseAfterARevision(int capacity, int added, long coveredAfter, long after,
            String expected) {
        EventRing ring = new EventRing(capacity, 0);
        LongStream.rangeClosed(1, added).forEach(rev -> ring.add(event("/k/" + rev, rev)));

        assertThat(ring.coveredAfter()).isEqualTo(coveredAfter);
        List<Long> revisions = ring.after(KeyPrefix.of("/k/"), after).stream().map(WatchEvent::revision).toList();
        assertThat(revisions).isEqualTo(expected.isBlank()
                ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(Long::valueOf).toList());
    }

    @ParameterizedTest(name = "prefix {0} -> {1}")
    @CsvSource({
        "/a/, /a/1 /a/3",
        "/b/, /b/2",
        "'',  /a/1 /b/2 /a/3",
    })
    void filtersByPrefix(String prefix, String expected) {
        EventRing ring = new EventRing(8, 0);
        ring.add(event("/a/1", 1));
        ring.add(event("/b/2", 2));
        ring.add(event("/a/3", 3));

        assertThat(ring.after(KeyPrefix.of(prefix), 0)).extracting(e -> e.kv().key())
                .containsExactly(expected.split(" "));
    }

    private static WatchEvent event(String key, long revision) {
        return new WatchEvent(WatchEvent.Type.PUT, new KeyValue(key, new byte[0], revision, revision), null);
    }
}
