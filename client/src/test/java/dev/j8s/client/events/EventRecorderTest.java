package dev.j8s.client.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.ApiServerFixture;
import dev.j8s.client.KubeClient;
import dev.j8s.client.ListOptions;
import dev.j8s.client.SharedApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedApiServer.class)
class EventRecorderTest {

    @Test
    void fiveRepeatsBecomeOneEventWithCountFive(ApiServerFixture fixture) throws Exception {
        KubeClient client = fixture.newClient();
        ConfigMap subject = client.resources(ConfigMap.class).create(new ConfigMapBuilder().withNewMetadata()
                .withName("recorded").withNamespace("default").endMetadata().build());
        try (EventBroadcaster broadcaster = new EventBroadcaster("test",
                new ApiEventSink(client.resources(Event.class)), Clock.systemUTC())) {
            EventRecorder recorder = broadcaster.newRecorder(EventSource.of("j8s-test"));
            for (int i = 0; i < 5; i++) {
                recorder.event(subject, EventRecorder.NORMAL, "Synced", "config synced");
            }
            recorder.eventf(subject, EventRecorder.WARNING, "Failed", "sync failed: %s", "boom");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                List<Event> events = eventsAbout(client, "recorded");
                assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("Synced", "Failed");
                Event synced = events.stream().filter(e -> e.getReason().equals("Synced")).findFirst().orElseThrow();
                assertThat(synced.getCount()).isEqualTo(5);
            });
            Event synced = eventsAbout(client, "recorded").stream().filter(e -> e.getReason().equals("Synced"))
                    .findFirst().orElseThrow();
            assertThat(synced.getInvolvedObject().getUid()).isEqualTo(subject.getMetadata().getUid());
            assertThat(synced.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
            assertThat(synced.getSource().getComponent()).isEqualTo("j8s-test");
            assertThat(synced.getType()).isEqualTo("Normal");
            assertThat(synced.getMessage()).isEqualTo("config synced");
            assertThat(synced.getMetadata().getName()).startsWith("recorded.");
            assertThat(broadcaster.dropped()).isZero();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("j8s-events-test"));
    }

    private static List<Event> eventsAbout(KubeClient client, String name) {
        return client.resources(Event.class).list("default", ListOptions.ALL).items().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}
