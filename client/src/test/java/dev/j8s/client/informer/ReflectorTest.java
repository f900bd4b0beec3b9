package dev.j8s.client.informer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.j8s.client.KubeClient;
import dev.j8s.client.transport.StreamingResponse;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The reflector's list/watch protocol against a scripted server. */
class ReflectorTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Deque<String> lists = new ArrayDeque<>();
    private final Deque<String> watches = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private final Transport scripted = new Transport() {
        @Override
        public synchronized TransportResponse send(TransportRequest request) {
            requests.add(request.pathAndQuery());
            return new TransportResponse(200, Map.of(), lists.removeFirst().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public synchronized StreamingResponse stream(TransportRequest request) {
            requests.add(request.pathAndQuery());
            String body = watches.pollFirst();
            // Once the script is done the watch stays open, as a quiet server's would, until closed.
            InputStream in = body != null ? new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))
                    : new InputStream() {
                        @Override
                        public int read() {
                            try {
                                closed.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return -1;
                        }

                        @Override
                        public void close() {
                            closed.countDown();
                        }
                    };
            return new StreamingResponse(200, Map.of(), in);
        }
    };

    private static String configMap(String name, int rv) {
        return "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"ns\",\"resourceVersion\":\"" + rv + "\"}}";
    }

    private static String list(int rv, String... items) {
        return "{\"kind\":\"ConfigMapList\",\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"items\":["
                + String.join(",", items) + "]}";
    }

    private static String event(String type, String object) {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}\n";
    }

    @Test
    void listsWatchesResumesAfterBookmarksAndRelistsWhenExpired() {
        lists.add(list(10, configMap("a", 5)));
        watches.add(event("ADDED", configMap("b", 11))
                + event("BOOKMARK", "{\"kind\":\"ConfigMap\",\"metadata\":{\"resourceVersion\":\"15\"}}"));
        watches.add(event("ERROR", "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"reason\":\"Expired\",\"message\":\"too old resource version: 15 (18)\",\"code\":410}"));
        lists.add(list(20, configMap("b", 11), configMap("c", 16)));

        List<String> seen = new CopyOnWriteArrayList<>();
        ReflectorSink<ConfigMap> sink = new ReflectorSink<>() {
            @Override
            public void replace(List<ConfigMap> objects, String resourceVersion) {
                seen.add("replace@" + resourceVersion + " " + objects.stream()
                        .map(o -> o.getMetadata().getName()).toList());
            }

            @Override
            public void added(ConfigMap object) {
                seen.add("added " + object.getMetadata().getName());
            }

            @Override
            public void modified(ConfigMap object) {
                seen.add("modified " + object.getMetadata().getName());
            }

            @Override
            public void deleted(ConfigMap object) {
                seen.add("deleted " + object.getMetadata().getName());
            }
        };
        KubeClient client = new KubeClient(scripted);
        try (Reflector<ConfigMap> reflector = new Reflector<>("test",
                ListerWatcher.of(client.resources(ConfigMap.class), "ns", null, null), sink, Duration.ofMinutes(5))) {
            reflector.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> requests.size() == 5);
            assertThat(seen).containsExactly("replace@10 [a]", "added b", "replace@20 [b, c]");
            assertThat(reflector.lastResourceVersion()).isEqualTo("20");
            assertThat(reflector.lists()).isEqualTo(2);
        }
        assertThat(requests.get(0)).isEqualTo("/api/v1/namespaces/ns/configmaps?limit=500");
        assertThat(requests.get(1)).startsWith("/api/v1/namespaces/ns/configmaps?watch=true&resourceVersion=10"
                + "&allowWatchBookmarks=true&timeoutSeconds=");
        assertThat(requests.get(2)).as("the bookmark moved the resume point")
                .contains("watch=true&resourceVersion=15&");
        assertThat(requests.get(3)).isEqualTo("/api/v1/namespaces/ns/configmaps?limit=500");
        assertThat(requests.get(4)).contains("watch=true&resourceVersion=20&");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("j8s-reflector-test"));
    }
}
