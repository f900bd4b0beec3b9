package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.j8s.api.ApiException;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;

/**
 * Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}), which kubectl
 * sends for {@code create deployment|configmap|secret|service|job|ingress|…}: the magic
 * {@code k8s\0}, then a {@code runtime.Unknown} envelope holding the type and the typed message.
 * Decoding yields the same JSON tree the JSON body would have given.
 */
public final class ProtobufCodec {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private ProtobufCodec() {}

    /** Decodes a body; malformed input fails with 400 and nothing else. */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw ApiException.badRequest("provided data does not appear to be a protobuf message, expected prefix "
                    + "[107 56 115 0]");
        }
        try {
            Runtime.Unknown unknown = Runtime.Unknown.parseFrom(
                    java.nio.ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length));
            String apiVersion = unknown.getTypeMeta().getApiVersion();
            String kind = unknown.getTypeMeta().getKind();
            if (!unknown.getContentEncoding().isEmpty()) {
                throw ApiException.badRequest("unsupported protobuf content encoding " + unknown.getContentEncoding());
            }
            Descriptor descriptor = ProtoTypes.descriptor(apiVersion, kind)
                    .orElseThrow(() -> ApiException.badRequest("no kind \"" + kind + "\" is registered for version \""
                            + apiVersion + "\" in protobuf"));
            DynamicMessage message = DynamicMessage.parseFrom(descriptor, unknown.getRaw());
            ObjectNode object = ProtoJson.toJson(message);
            ObjectNode out = dev.j8s.api.Json.object();
            out.put("apiVersion", apiVersion);
            out.put("kind", kind);
            out.setAll(object);
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("error decoding protobuf body: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ApiException.badRequest("error decoding protobuf body: " + e.getClass().getSimpleName());
        }
    }
}
