package dev.j8s.apiserver.servicenet;

import dev.j8s.api.net.Ipv4Cidr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.store.memory.MemoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeAllocatorTest {

    static Stream<Arguments> staticBands() {
        // Kubernetes' calculateRangeOffset for IPs (16, 256, 16) and node ports (16, 128, 32).
        return Stream.of(
                Arguments.of(65536L, 16, 256, 16, 256),
                Arguments.of(256L, 16, 256, 16, 16),
                Arguments.of(8L, 16, 256, 16, 0),
                Arguments.of(4096L, 16, 256, 16, 256),
                Arguments.of(2768L, 16, 128, 32, 86),
                Arguments.of(100L, 16, 128, 32, 16));
    }

    @ParameterizedTest
    @MethodSource("staticBands")
    void staticBandFollowsKubernetes(long size, int min, int max, int step, int expected) {
        assertThat(RangeAllocator.staticBand(size, min, max, step)).isEqualTo(expected);
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("10.43.0.0/16", "10.43.0.1", 1L),
                Arguments.of("10.43.0.0/16", "10.43.255.254", 65534L),
                Arguments.of("10.43.0.0/16", "10.44.0.1", -1L),
                Arguments.of("10.43.0.0/16", "10.43.0.01", -1L),
                Arguments.of("10.43.0.0/16", "fd00::1", -1L),
                Arguments.of("192.168.1.0/24", "192.168.1.10", 10L));
    }

    @ParameterizedTest
    @MethodSource("addresses")
    void offsetsInsideARange(String cidr, String ip, long expected) {
        assertThat(Ipv4Cidr.parse(cidr).offsetOf(ip).orElse(-1)).isEqualTo(expected);
    }

    @Test
    void subnetsAndPortRanges() {
        assertThat(Ipv4Cidr.parse("10.42.0.0/16").subnet(3, 24).toString()).isEqualTo("10.42.3.0/24");
        assertThat(PortRange.parse("30000-32767")).isEqualTo(PortRange.DEFAULT_NODE_PORTS);
        assertThat(PortRange.parse("20000+100")).isEqualTo(new PortRange(20000, 20100));
        assertThatThrownBy(() -> Ipv4Cidr.parse("10.42.1.0/16")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dynamicAllocationPrefersTheUpperBandUntilItIsFull() {
        MemoryStore store = new MemoryStore();
        ServiceAllocator allocator = new ServiceAllocator(store, ServiceNetwork.parse("10.0.0.0/27", "30000-30019"),
                Clock.systemUTC(), new Random(1));
        // /27: 30 usable addresses, static band 16 → the first 14 dynamic ones come from .17-.30.
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            ips.add(allocator.allocateFor(service("s" + i)).path("spec").path("clusterIP").asText());
        }
        assertThat(ips).doesNotHaveDuplicates().allSatisfy(ip ->
                assertThat(Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1))).isBetween(17, 30));
        String lower = allocator.allocateFor(service("s14")).path("spec").path("clusterIP").asText();
        assertThat(Integer.parseInt(lower.substring(lower.lastIndexOf('.') + 1))).isBetween(1, 16);
        for (int i = 15; i < 30; i++) {
            allocator.allocateFor(service("s" + i));
        }
        assertThatThrownBy(() -> allocator.allocateFor(service("full"))).isInstanceOf(ApiException.class)
                .hasMessage("Internal error occurred: failed to allocate a serviceIP: range is full");
        store.close();
    }

    @Test
    void twoApiServersOnOneStoreNeverHandOutTheSameAddress() throws Exception {
        MemoryStore store = new MemoryStore();
        ServiceNetwork network = ServiceNetwork.parse("10.0.0.0/26", "30000-30100");
        ServiceAllocator a = new ServiceAllocator(store, network, Clock.systemUTC(), new Random(7));
        ServiceAllocator b = new ServiceAllocator(store, network, Clock.systemUTC(), new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 62; i++) {
            ServiceAllocator server = i % 2 == 0 ? a : b;
            String name = "s" + i;
            results.add(pool.submit(() -> server.allocateFor(service(name)).path("spec").path("clusterIP").asText()));
        }
        Set<String> ips = new HashSet<>();
        for (Future<String> f : results) {
            ips.add(f.get());
        }
        pool.shutdown();
        assertThat(ips).hasSize(62);
        // A restarted server sees what is allocated: the range is full for it too.
        ServiceAllocator restarted = new ServiceAllocator(store, network, Clock.systemUTC(), new Random(3));
        assertThat(restarted.ipAllocator().peekFree()).isEqualTo(OptionalInt.empty());
        store.close();
    }

    private static ObjectNode service(String name) {
        ObjectNode svc = Json.object();
        svc.putObject("metadata").put("name", name).put("namespace", "ns").put("uid", UUID.randomUUID().toString());
        svc.putObject("spec").putArray("ports").addObject().put("port", 80);
        return svc;
    }
}
