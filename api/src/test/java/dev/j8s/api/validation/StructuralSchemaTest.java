package dev.j8s.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.j8s.api.Json;
import dev.j8s.api.StatusCause;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StructuralSchemaTest {

    private static final String SCHEMA = """
            {"type":"object","properties":{"spec":{"type":"object","required":["image"],"properties":{
              "image":{"type":"string","minLength":1},
              "mode":{"type":"string","enum":["fast","slow"],"default":"fast"},
              "replicas":{"type":"integer","minimum":1,"maximum":10},
              "tags":{"type":"array","maxItems":2,"items":{"type":"string"}},
              "labels":{"type":"object","additionalProperties":{"type":"string"}},
              "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
              "note":{"type":"string","nullable":true}}}}}""";

    private static JsonNode json(String s) throws Exception {
        return Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"image\":\"x\"}|",
        "{}|spec.image",
        "{\"image\":7}|spec.image",
        "{\"image\":\"\"}|spec.image",
        "{\"image\":\"x\",\"mode\":\"medium\"}|spec.mode",
        "{\"image\":\"x\",\"replicas\":0}|spec.replicas",
        "{\"image\":\"x\",\"replicas\":\"3\"}|spec.replicas",
        "{\"image\":\"x\",\"tags\":[\"a\",\"b\",\"c\"]}|spec.tags",
        "{\"image\":\"x\",\"tags\":[1]}|spec.tags[0]",
        "{\"image\":\"x\",\"labels\":{\"a\":1}}|spec.labels.a",
        "{\"image\":\"x\",\"note\":null}|",
        "{\"image\":null}|spec.image",
    })
    void validates(String spec, String badField) throws Exception {
        JsonNode object = json("{\"apiVersion\":\"x/v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"n\"},\"spec\":" + spec + "}");
        var causes = StructuralSchema.validate(json(SCHEMA), object);
        if (badField == null) {
            assertThat(causes).isEmpty();
        } else {
            assertThat(causes).extracting(StatusCause::field).contains(badField);
        }
    }

    @Test
    void prunesUnknownFieldsButKeepsPreservedOnesAndDefaults() throws Exception {
        JsonNode object = json("{\"apiVersion\":\"x/v1\",\"kind\":\"K\",\"metadata\":{\"name\":\"n\"},"
                + "\"spec\":{\"image\":\"x\",\"extra\":1,\"free\":{\"anything\":{\"goes\":true}}},\"top\":1}");
        assertThat(StructuralSchema.prune(json(SCHEMA), object))
                .containsExactlyInAnyOrder("unknown field \"spec.extra\"", "unknown field \"top\"");
        assertThat(object.at("/spec/free/anything/goes").asBoolean()).isTrue();
        assertThat(object.has("metadata")).isTrue();
        StructuralSchema.applyDefaults(json(SCHEMA), object);
        assertThat(object.at("/spec/mode").asText()).isEqualTo("fast");
    }
}
