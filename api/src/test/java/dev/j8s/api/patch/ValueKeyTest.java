package dev.j8s.api.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueKeyTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @MethodSource("pairs")
    void comparesJsonValues(JsonNode a, JsonNode b, boolean same) {
        assertThat(ValueKey.same(a, b)).isEqualTo(same);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of(IntNode.valueOf(80), LongNode.valueOf(80), true),
                Arguments.of(IntNode.valueOf(80), DoubleNode.valueOf(80.0), true),
                Arguments.of(IntNode.valueOf(80), TextNode.valueOf("80"), false),
                Arguments.of(TextNode.valueOf("a"), TextNode.valueOf("a"), true),
                Arguments.of(BooleanNode.TRUE, TextNode.valueOf("true"), false),
                Arguments.of(NullNode.instance, NullNode.instance, true),
                Arguments.of(null, null, false));
    }
}
