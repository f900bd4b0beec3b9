package dev.j8s.api.proto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.j8s.api.ApiException;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedBodiesTest {

    private static final byte[] CONFIG_MAP = ProtoBodies.wrap("v1", "ConfigMap",
            V1.ConfigMap.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("x")).putData("a", "b").build());

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("null body", null, "does not start with"),
                Arguments.of("empty body", new byte[0], "does not start with"),
                Arguments.of("magic only, no kind", new byte[] {'k', '8', 's', 0}, "Kind' is missing"),
                Arguments.of("wrong magic", replaceMagic(CONFIG_MAP, "k9s\0"), "does not start with"),
                Arguments.of("JSON instead of protobuf", "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8),
                        "does not start with"),
                Arguments.of("truncated envelope", java.util.Arrays.copyOf(CONFIG_MAP, CONFIG_MAP.length - 3),
                        "could not be decoded"),
                Arguments.of("garbage after magic", withMagic(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}),
                        "could not be decoded"),
                Arguments.of("unknown kind", ProtoBodies.wrap("v1", "Widget", V1.ConfigMap.getDefaultInstance()),
                        "no kind \"Widget\" is registered for version \"v1\""),
                Arguments.of("kind without protobuf message", ProtoBodies.wrap("coordination.k8s.io/v1", "Lease",
                        V1.ConfigMap.getDefaultInstance()), "no kind \"Lease\""),
                Arguments.of("raw is not the named kind", envelope("v1", "ConfigMap",
                        ByteString.copyFrom(new byte[] {0x0a, 0x05, 1, 2}), ""), "could not be decoded"),
                Arguments.of("compressed content", envelope("v1", "ConfigMap", ByteString.EMPTY, "gzip"),
                        "content encoding"),
                Arguments.of("raw extension with broken JSON", ProtoBodies.wrap("apps/v1", "ControllerRevision",
                        V1Apps.ControllerRevision.newBuilder().setData(RawExtension.newBuilder()
                                .setRaw(ByteString.copyFromUtf8("{\"a\":"))).build()), "not valid JSON"),
                Arguments.of("time beyond year 9999", ProtoBodies.wrap("v1", "ConfigMap", V1.ConfigMap.newBuilder()
                        .setMetadata(Meta.ObjectMeta.newBuilder().setCreationTimestamp(
                                Meta.Time.newBuilder().setSeconds(Long.MAX_VALUE / 2))).build()), "could not be decoded"),
                Arguments.of("embedded objects nested without end", nestedRevisions(20), "nests embedded objects"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isABadRequest(String name, byte[] body, String message) {
        assertThatThrownBy(() -> ProtobufCodec.decode(body))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining(message)
                .extracting("code").isEqualTo(400);
    }

    @Test
    void randomBytesAfterTheMagicAreBadRequestsOrObjects() {
        Random random = new Random(42);
        for (int round = 0; round < 5_000; round++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            try {
                ProtobufCodec.decode(withMagic(garbage));
            } catch (ApiException e) {
                org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(400);
            }
        }
    }

    private static byte[] replaceMagic(byte[] body, String magic) {
        byte[] copy = body.clone();
        System.arraycopy(magic.getBytes(StandardCharsets.ISO_8859_1), 0, copy, 0, 4);
        return copy;
    }

    private static byte[] withMagic(byte[] rest) {
        byte[] out = new byte[rest.length + 4];
        out[0] = 'k';
        out[1] = '8';
        out[2] = 's';
        System.arraycopy(rest, 0, out, 4, rest.length);
        return out;
    }

    private static byte[] envelope(String apiVersion, String kind, ByteString raw, String contentEncoding) {
        return withMagic(Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(raw).setContentEncoding(contentEncoding).build().toByteArray());
    }

    private static byte[] nestedRevisions(int depth) {
        byte[] body = ProtoBodies.wrap("v1", "ConfigMap", V1.ConfigMap.getDefaultInstance());
        for (int i = 0; i < depth; i++) {
            body = ProtoBodies.wrap("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
                    .setData(RawExtension.newBuilder().setRaw(ByteString.copyFrom(body))).build());
        }
        return body;
    }
}
