package dev.j8s.api.proto;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import dev.j8s.api.ApiException;
import io.kubernetes.client.proto.Runtime;
import java.io.IOException;
import java.util.Arrays;

/**
 * Kubernetes protobuf bodies ({@value #MEDIA_TYPE}): the 4-byte magic {@code k8s\0}, then a
 * {@code runtime.Unknown} whose typeMeta names the kind and whose raw bytes hold the typed message.
 * Objects cross into j8s as the same JSON trees a JSON body gives.
 */
public final class ProtobufCodec {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    /** Message nesting depth, protobuf's usual limit. */
    private static final int RECURSION_LIMIT = 100;
    /** RawExtensions holding protobuf objects that hold RawExtensions...: real objects nest one or two. */
    private static final int MAX_NESTING = 8;

    private ProtobufCodec() {}

    /**
     * Decodes a protobuf request body into the JSON tree the JSON body would give (kind, apiVersion,
     * metadata, spec...). Throws {@link ApiException#badRequest} on malformed input, never anything else.
     */
    public static ObjectNode decode(byte[] body) {
        return decode(body, 0);
    }

    static ObjectNode decode(byte[] body, int nesting) {
        if (nesting > MAX_NESTING) {
            throw ApiException.badRequest("the protobuf body nests embedded objects more than " + MAX_NESTING + " deep");
        }
        try {
            return decodeChecked(body, nesting);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("the protobuf body could not be decoded: " + e.getMessage());
        }
    }

    /** Encodes an object tree (with kind and apiVersion) as a protobuf body, for clients that accept only protobuf. */
    public static byte[] encode(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        Descriptor type = ProtoKinds.message(apiVersion, kind).orElseThrow(() -> ApiException.notAcceptable(
                "no protobuf encoding for kind \"" + kind + "\" in version \"" + apiVersion + "\""));
        DynamicMessage message;
        try {
            message = JsonToProto.message(type, object);
        } catch (RuntimeException e) {
            throw ApiException.internal("encoding " + kind + " as protobuf: " + e.getMessage());
        }
        Runtime.Unknown envelope = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(message.toByteString())
                .setContentEncoding("")
                .setContentType("")
                .build();
        byte[] bytes = envelope.toByteArray();
        byte[] out = Arrays.copyOf(MAGIC, MAGIC.length + bytes.length);
        System.arraycopy(bytes, 0, out, MAGIC.length, bytes.length);
        return out;
    }

    /** Whether a kind has a protobuf message j8s can read and write. */
    public static boolean supports(String apiVersion, String kind) {
        return ProtoKinds.message(apiVersion, kind).isPresent();
    }

    static boolean hasMagic(byte[] body) {
        return body != null && body.length >= MAGIC.length
                && Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static ObjectNode decodeChecked(byte[] body, int nesting) throws IOException {
        if (!hasMagic(body)) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes prefix \"k8s\\x00\"");
        }
        Runtime.Unknown envelope = Runtime.Unknown.parseFrom(limited(body, MAGIC.length));
        if (!envelope.getContentEncoding().isEmpty()) {
            throw ApiException.badRequest("unsupported protobuf content encoding \"" + envelope.getContentEncoding() + "\"");
        }
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        if (kind.isEmpty()) {
            throw ApiException.badRequest("Object 'Kind' is missing in the protobuf body");
        }
        Descriptor type = ProtoKinds.message(apiVersion, kind).orElseThrow(() -> ApiException.badRequest(
                "no kind \"" + kind + "\" is registered for version \"" + apiVersion + "\" in scheme \"j8s\""));
        DynamicMessage message = DynamicMessage.parseFrom(type, limited(envelope.getRaw()));
        ObjectNode object = new ProtoToJson(nesting).object(message);
        return withTypeMeta(kind, apiVersion, object);
    }

    /** kind and apiVersion first, as Go writes an object's TypeMeta. */
    private static ObjectNode withTypeMeta(String kind, String apiVersion, ObjectNode fields) {
        ObjectNode out = fields.objectNode();
        out.put("kind", kind);
        out.put("apiVersion", apiVersion);
        out.setAll(fields);
        return out;
    }

    private static CodedInputStream limited(byte[] body, int offset) {
        CodedInputStream in = CodedInputStream.newInstance(body, offset, body.length - offset);
        in.setRecursionLimit(RECURSION_LIMIT);
        return in;
    }

    private static CodedInputStream limited(ByteString raw) {
        CodedInputStream in = raw.newCodedInput();
        in.setRecursionLimit(RECURSION_LIMIT);
        return in;
    }
}
