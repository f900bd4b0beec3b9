package dev.j8s.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.j8s.api.net.Ipv4Cidr;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeCidrsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("10.42.0.0/16", 24, List.of(), "10.42.0.0/24"),
                Arguments.of("10.42.0.0/16", 24, List.of("10.42.0.0/24", "10.42.2.0/24"), "10.42.1.0/24"),
                // Ranges outside the cluster CIDR (hollow nodes' own) or of another size take nothing.
                Arguments.of("10.42.0.0/16", 24, List.of("10.64.0.0/24", "10.42.0.0/23", "junk"), "10.42.0.0/24"),
                Arguments.of("10.42.0.0/16", 25, List.of("10.42.0.0/25"), "10.42.0.128/25"),
                Arguments.of("10.99.0.0/23", 24, List.of("10.99.0.0/24", "10.99.1.0/24"), null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lowestFreeRange(String cluster, int mask, List<String> taken, String expected) {
        NodeCidrs ranges = new NodeCidrs(Ipv4Cidr.parse(cluster), mask);
        var free = ranges.lowestFree(taken);
        assertThat(free.isPresent() ? ranges.cidr(free.getAsLong()) : null).isEqualTo(expected);
    }
}
