package dev.j8s.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which protobuf message carries an apiVersion/kind. Kubernetes generates one {@code generated.proto}
 * per group version whose top-level messages are named after the kinds, so a kind is found by name
 * in the file of its group version.
 */
final class ProtoKinds {

    private static final Map<String, List<FileDescriptor>> FILES = Map.ofEntries(
            // meta.k8s.io/v1 types (Status, DeleteOptions, ...) are also registered under core "v1"
            Map.entry("v1", List.of(V1.getDescriptor(), Meta.getDescriptor())),
            Map.entry("meta.k8s.io/v1", List.of(Meta.getDescriptor())),
            Map.entry("apps/v1", List.of(V1Apps.getDescriptor())),
            Map.entry("batch/v1", List.of(V1Batch.getDescriptor())),
            Map.entry("networking.k8s.io/v1", List.of(V1Networking.getDescriptor())),
            Map.entry("policy/v1", List.of(V1Policy.getDescriptor())),
            Map.entry("rbac.authorization.k8s.io/v1", List.of(V1Rbac.getDescriptor())),
            Map.entry("autoscaling/v1", List.of(V1Autoscaling.getDescriptor())),
            // autoscaling/v2 was promoted from v2beta2 keeping every message and field number, and the
            // proto artifact only ships v2beta2: the wire format is the same.
            Map.entry("autoscaling/v2", List.of(V2beta2Autoscaling.getDescriptor())),
            Map.entry("storage.k8s.io/v1", List.of(V1Storage.getDescriptor())),
            Map.entry("scheduling.k8s.io/v1", List.of(V1Scheduling.getDescriptor())),
            Map.entry("authorization.k8s.io/v1", List.of(V1Authorization.getDescriptor())),
            Map.entry("authentication.k8s.io/v1", List.of(V1Authentication.getDescriptor())),
            Map.entry("certificates.k8s.io/v1", List.of(V1Certificates.getDescriptor())),
            Map.entry("admissionregistration.k8s.io/v1", List.of(V1Admissionregistration.getDescriptor())));

    private ProtoKinds() {}

    /** Request-option kinds client-go sends as bodies (helm deletes its release Secrets with DeleteOptions). */
    private static final java.util.Set<String> OPTION_KINDS =
            java.util.Set.of("DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions");

    /**
     * The message of a kind; top-level API objects (those with {@code metadata}) and the request
     * options count as kinds.
     */
    static Optional<Descriptor> message(String apiVersion, String kind) {
        for (FileDescriptor file : FILES.getOrDefault(apiVersion, List.of())) {
            Descriptor message = file.findMessageTypeByName(kind);
            if (message != null && (message.findFieldByName("metadata") != null || OPTION_KINDS.contains(kind))) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }
}
