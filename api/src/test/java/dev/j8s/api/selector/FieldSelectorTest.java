package dev.j8s.api.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldSelectorTest {

    private static final ResourceType PODS = ResourceRegistry.withBuiltins().byResource("", "v1", "pods").orElseThrow();
    private static final String POD = "{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"prod\"},"
            + "\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metadata.name=web-1|true",
        "metadata.name==web-1|true",
        "metadata.name!=web-1|false",
        "metadata.namespace=prod,status.phase=Running|true",
        "status.phase!=Running|false",
        "spec.nodeName=n2|false",
        "status.podIP=|true",
    })
    void matchesPods(String selector, boolean expected) throws Exception {
        JsonNode pod = Json.parse(POD.getBytes(StandardCharsets.UTF_8));
        FieldSelector s = FieldSelector.parse(selector);
        assertThat(s.matches(f -> FieldSelector.valueOf(PODS, pod, f).orElse(null))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec.containers", "foo"})
    void unsupportedFieldsAreReported(String field) {
        assertThat(FieldSelector.supports(PODS, field)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.name", "x\\q=1"})
    void rejectsMalformed(String selector) {
        assertThatThrownBy(() -> FieldSelector.parse(selector))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
