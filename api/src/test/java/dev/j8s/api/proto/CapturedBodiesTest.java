package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bodies captured from the real kubectl 1.32 (see {@link KubectlProtobufBodiesTest}), next to the
 * JSON kubectl prints for the same command: decoding must give that JSON, and so must encoding it
 * back and decoding again. The captured bodies also seed malformed-input checks.
 */
class CapturedBodiesTest {

    static Stream<String> captured() {
        return Stream.of("configmap", "secret", "deployment", "namespace", "service", "job", "cronjob", "ingress",
                "role", "rolebinding", "clusterrole", "priorityclass", "quota", "pdb", "serviceaccount",
                "selfsubjectaccessreview");
    }

    @ParameterizedTest
    @MethodSource("captured")
    void decodesToTheJsonKubectlPrints(String name) throws IOException {
        assertThat(ProtobufCodec.decode(resource(name + ".pb"))).isEqualTo(Json.parse(resource(name + ".json")));
    }

    @ParameterizedTest
    @MethodSource("captured")
    void encodingTheJsonRoundTrips(String name) throws IOException {
        ObjectNode json = (ObjectNode) Json.parse(resource(name + ".json"));
        assertThat(ProtobufCodec.decode(ProtobufCodec.encode(json))).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("captured")
    void everyTruncationIsABadRequest(String name) throws IOException {
        byte[] body = resource(name + ".pb");
        for (int length = 0; length < body.length; length++) {
            byte[] truncated = Arrays.copyOf(body, length);
            // a cut at a field boundary can still be a valid (shorter) message; anything else is a 400
            try {
                assertThat(ProtobufCodec.decode(truncated)).isNotNull();
            } catch (ApiException e) {
                assertThat(e.code()).as("length %d", length).isEqualTo(400);
            }
        }
        assertThatThrownBy(() -> ProtobufCodec.decode(Arrays.copyOf(body, 3)))
                .isInstanceOf(ApiException.class).extracting("code").isEqualTo(400);
    }

    @ParameterizedTest
    @MethodSource("captured")
    void randomCorruptionNeverEscapesAsAnotherException(String name) throws IOException {
        byte[] body = resource(name + ".pb");
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 2_000; round++) {
            byte[] corrupted = body.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                // keep the magic mostly intact so corruption reaches the parser
                int at = 4 + random.nextInt(corrupted.length - 4);
                corrupted[at] = (byte) random.nextInt(256);
            }
            try {
                ProtobufCodec.decode(corrupted);
            } catch (ApiException e) {
                assertThat(e.code()).isEqualTo(400);
            }
        }
    }

    private static byte[] resource(String file) throws IOException {
        try (InputStream in = CapturedBodiesTest.class.getResourceAsStream("kubectl/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }
}
