package dev.j8s.client.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.api.Json;
import dev.j8s.client.time.ManualScheduler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {

    private final ManualScheduler time = new ManualScheduler();
    private final EventCorrelator correlator = new EventCorrelator(time.clock());
    private int sequence;

    private Event event(String object, String reason, String message) {
        String stamp = time.now().toString();
        return new EventBuilder().withNewMetadata().withName(object + "." + (sequence++)).withNamespace("ns")
                .endMetadata().withNewInvolvedObject().withKind("Pod").withNamespace("ns").withName(object)
                .withUid("uid-" + object).withApiVersion("v1").endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(stamp).withLastTimestamp(stamp)
                .withNewSource().withComponent("test").endSource().build();
    }

    /** Correlates and, like the broadcaster after a successful write, records the stored event. */
    private EventCorrelator.Result record(Event e) {
        EventCorrelator.Result r = correlator.correlate(e);
        if (!r.skip()) {
            correlator.recorded(r.key(), r.event());
        }
        return r;
    }

    @Test
    void repeatsWithinTenMinutesPatchTheFirstEventsCountAndLastTimestamp() throws Exception {
        EventCorrelator.Result first = record(event("web", "Pulled", "image pulled"));
        assertThat(first.patch()).isNull();
        String stored = first.event().getMetadata().getName();
        for (int count = 2; count <= 5; count++) {
            time.advance(Duration.ofMinutes(1));
            EventCorrelator.Result repeat = record(event("web", "Pulled", "image pulled"));
            assertThat(repeat.event().getMetadata().getName()).isEqualTo(stored);
            assertThat(repeat.event().getCount()).isEqualTo(count);
            assertThat(repeat.event().getFirstTimestamp()).isEqualTo(first.event().getFirstTimestamp());
            assertThat(Json.parse(repeat.patch().getBytes()).path("count").asInt()).isEqualTo(count);
            assertThat(Json.parse(repeat.patch().getBytes()).path("lastTimestamp").asText())
                    .isEqualTo(time.now().toString());
        }
        time.advance(Duration.ofMinutes(10).plusSeconds(1));
        EventCorrelator.Result later = record(event("web", "Pulled", "image pulled"));
        assertThat(later.patch()).as("older than 10 minutes: a new event").isNull();
        assertThat(later.event().getMetadata().getName()).isNotEqualTo(stored);
    }

    @Test
    void differentMessagesObjectsOrReasonsAreSeparateEvents() {
        record(event("web", "Pulled", "one"));
        assertThat(record(event("web", "Pulled", "two")).patch()).isNull();
        assertThat(record(event("db", "Pulled", "one")).patch()).isNull();
        assertThat(record(event("web", "Started", "one")).patch()).isNull();
        assertThat(record(event("web", "Pulled", "one")).patch()).isNotNull();
    }

    @Test
    void tenSimilarEventsWithDifferentMessagesAreCombined() {
        for (int i = 1; i < EventCorrelator.MAX_SIMILAR; i++) {
            assertThat(record(event("web", "BackOff", "attempt " + i)).event().getMessage()).isEqualTo("attempt " + i);
        }
        EventCorrelator.Result combined = record(event("web", "BackOff", "attempt 10"));
        assertThat(combined.event().getMessage()).isEqualTo("(combined from similar events): attempt 10");
        EventCorrelator.Result next = record(event("web", "BackOff", "attempt 11"));
        assertThat(next.event().getCount()).isEqualTo(2);
        assertThat(next.event().getMetadata().getName()).isEqualTo(combined.event().getMetadata().getName());
    }

    @Test
    void eachObjectMaySpendABurstOf25ThenOneEventPerFiveMinutes() {
        for (int i = 0; i < EventCorrelator.SPAM_BURST; i++) {
            assertThat(record(event("noisy", "R" + (i % 5), "m" + i)).skip()).isFalse();
        }
        assertThat(record(event("noisy", "R", "one too many")).skip()).isTrue();
        assertThat(record(event("quiet", "R", "other objects are not limited")).skip()).isFalse();
        time.advance(Duration.ofMinutes(5));
        assertThat(record(event("noisy", "R", "refilled")).skip()).isFalse();
        assertThat(record(event("noisy", "R", "empty again")).skip()).isTrue();
    }
}
