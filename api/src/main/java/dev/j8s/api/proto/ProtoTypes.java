package dev.j8s.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the protobuf message of an apiVersion/kind among the Kubernetes API protos. */
final class ProtoTypes {

    /** Proto package → API group, where they differ ("k8s.io.api.networking.v1" is networking.k8s.io). */
    private static final Map<String, String> GROUPS = Map.of(
            "core", "",
            "networking", "networking.k8s.io",
            "rbac", "rbac.authorization.k8s.io",
            "authorization", "authorization.k8s.io",
            "authentication", "authentication.k8s.io",
            "scheduling", "scheduling.k8s.io",
            "storage", "storage.k8s.io",
            "certificates", "certificates.k8s.io",
            "admissionregistration", "admissionregistration.k8s.io");

    private static final Map<String, Descriptor> BY_TYPE = index(List.of(
            io.kubernetes.client.proto.V1.getDescriptor(),
            io.kubernetes.client.proto.V1Apps.getDescriptor(),
            io.kubernetes.client.proto.V1Batch.getDescriptor(),
            io.kubernetes.client.proto.V1Networking.getDescriptor(),
            io.kubernetes.client.proto.V1Policy.getDescriptor(),
            io.kubernetes.client.proto.V1Rbac.getDescriptor(),
            io.kubernetes.client.proto.V1Scheduling.getDescriptor(),
            io.kubernetes.client.proto.V1Storage.getDescriptor(),
            io.kubernetes.client.proto.V1Autoscaling.getDescriptor(),
            io.kubernetes.client.proto.V1Authorization.getDescriptor(),
            io.kubernetes.client.proto.V1Authentication.getDescriptor(),
            io.kubernetes.client.proto.V1Certificates.getDescriptor(),
            io.kubernetes.client.proto.V1Admissionregistration.getDescriptor(),
            io.kubernetes.client.proto.V2beta2Autoscaling.getDescriptor()));

    private ProtoTypes() {}

    static Optional<Descriptor> descriptor(String apiVersion, String kind) {
        return Optional.ofNullable(BY_TYPE.get(apiVersion + "/" + kind));
    }

    private static Map<String, Descriptor> index(List<FileDescriptor> files) {
        Map<String, Descriptor> out = new HashMap<>();
        for (FileDescriptor file : files) {
            String[] parts = file.getPackage().split("\\.");
            // k8s.io.api.<group>.<version>
            if (parts.length != 5) {
                continue;
            }
            String group = GROUPS.getOrDefault(parts[3], parts[3]);
            String apiVersion = group.isEmpty() ? parts[4] : group + "/" + parts[4];
            for (Descriptor d : file.getMessageTypes()) {
                out.put(apiVersion + "/" + d.getName(), d);
            }
        }
        return out;
    }
}
