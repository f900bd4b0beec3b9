package dev.j8s.api.proto;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;

/** Builds request bodies the way kubectl does: {@code k8s\0} then a runtime.Unknown around the message. */
final class ProtoBodies {

    private ProtoBodies() {}

    static byte[] wrap(String apiVersion, String kind, Message message) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(message.toByteString())
                .setContentEncoding("")
                .setContentType("")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }
}
