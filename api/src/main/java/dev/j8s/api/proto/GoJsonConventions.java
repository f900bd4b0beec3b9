package dev.j8s.api.proto;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Set;

/**
 * Where the JSON form of a Kubernetes object differs from a plain reading of its protobuf message.
 * The Go types are the source of truth for both encodings; these are the Go facts the descriptors
 * do not carry.
 */
final class GoJsonConventions {

    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";

    /**
     * Go structs embedded with {@code json:",inline"}: protobuf nests them in a field of their own,
     * JSON puts their fields directly into the parent object.
     */
    private static final Set<String> INLINE_FIELDS = Set.of(
            "k8s.io.api.core.v1.Volume.volumeSource",
            "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
            "k8s.io.api.core.v1.Probe.handler",
            "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon",
            "k8s.io.api.core.v1.ConfigMapEnvSource.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapKeySelector.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapProjection.localObjectReference",
            "k8s.io.api.core.v1.ConfigMapVolumeSource.localObjectReference",
            "k8s.io.api.core.v1.SecretEnvSource.localObjectReference",
            "k8s.io.api.core.v1.SecretKeySelector.localObjectReference",
            "k8s.io.api.core.v1.SecretProjection.localObjectReference",
            "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
            "k8s.io.api.admissionregistration.v1.NamedRuleWithOperations.ruleWithOperations",
            "k8s.io.api.admissionregistration.v1.RuleWithOperations.rule");

    /**
     * Scalar fields whose zero value Go's JSON encoder writes. Go's protobuf marshaller writes every
     * non-pointer field, zero or not, and its JSON encoder drops zero values ({@code omitempty}); we
     * do the same, so a decoded body carries no {@code "namespace": ""} or {@code "paused": false}.
     * Pointer fields ({@code *int32 replicas}) are written only when set, and there zero is a
     * choice ({@code replicas: 0}, {@code automountServiceAccountToken: false}) that must survive;
     * the wire cannot tell the two apart, so those are listed here, with the few non-pointer fields
     * declared without {@code omitempty}.
     */
    private static final Set<String> ZERO_IS_WRITTEN = Set.of(
            "DeploymentSpec.replicas", "DeploymentSpec.revisionHistoryLimit", "DeploymentSpec.progressDeadlineSeconds",
            "ReplicaSetSpec.replicas", "ReplicationControllerSpec.replicas", "ScaleSpec.replicas",
            "StatefulSetSpec.replicas", "StatefulSetSpec.revisionHistoryLimit", "DaemonSetSpec.revisionHistoryLimit",
            "JobSpec.parallelism", "JobSpec.completions", "JobSpec.activeDeadlineSeconds", "JobSpec.backoffLimit",
            "JobSpec.backoffLimitPerIndex", "JobSpec.maxFailedIndexes", "JobSpec.ttlSecondsAfterFinished",
            "JobSpec.manualSelector", "JobSpec.suspend",
            "CronJobSpec.startingDeadlineSeconds", "CronJobSpec.successfulJobsHistoryLimit",
            "CronJobSpec.failedJobsHistoryLimit", "CronJobSpec.suspend",
            "PodSpec.terminationGracePeriodSeconds", "PodSpec.activeDeadlineSeconds",
            "PodSpec.automountServiceAccountToken", "PodSpec.shareProcessNamespace", "PodSpec.enableServiceLinks",
            "PodSpec.setHostnameAsFQDN", "PodSpec.hostUsers", "PodSpec.priority",
            "Probe.terminationGracePeriodSeconds",
            "SecurityContext.runAsUser", "SecurityContext.runAsGroup", "SecurityContext.runAsNonRoot",
            "SecurityContext.privileged", "SecurityContext.readOnlyRootFilesystem",
            "SecurityContext.allowPrivilegeEscalation",
            "PodSecurityContext.runAsUser", "PodSecurityContext.runAsGroup", "PodSecurityContext.runAsNonRoot",
            "PodSecurityContext.fsGroup",
            "ServiceAccount.automountServiceAccountToken", "ConfigMap.immutable", "Secret.immutable",
            "ConfigMapKeySelector.optional", "SecretKeySelector.optional", "ConfigMapEnvSource.optional",
            "SecretEnvSource.optional", "ConfigMapProjection.optional", "SecretProjection.optional",
            "ConfigMapVolumeSource.optional", "ConfigMapVolumeSource.defaultMode",
            "SecretVolumeSource.optional", "SecretVolumeSource.defaultMode",
            "ProjectedVolumeSource.defaultMode", "DownwardAPIVolumeSource.defaultMode",
            "KeyToPath.mode", "DownwardAPIVolumeFile.mode",
            "ServiceSpec.allocateLoadBalancerNodePorts", "ClientIPConfig.timeoutSeconds",
            "PersistentVolumeClaimSpec.storageClassName", "StorageClass.allowVolumeExpansion",
            "HorizontalPodAutoscalerSpec.minReplicas", "HPAScalingRules.stabilizationWindowSeconds",
            "DeleteOptions.gracePeriodSeconds", "DeleteOptions.orphanDependents",
            "TokenRequestSpec.expirationSeconds", "ServiceAccountTokenProjection.expirationSeconds",
            // declared without omitempty
            "PriorityClass.value", "ScaleStatus.replicas", "ReplicaSetStatus.replicas",
            "ReplicationControllerStatus.replicas", "StatefulSetStatus.replicas",
            "DaemonSetStatus.currentNumberScheduled", "DaemonSetStatus.numberMisscheduled",
            "DaemonSetStatus.desiredNumberScheduled", "DaemonSetStatus.numberReady",
            "PodDisruptionBudgetStatus.disruptionsAllowed", "PodDisruptionBudgetStatus.currentHealthy",
            "PodDisruptionBudgetStatus.desiredHealthy", "PodDisruptionBudgetStatus.expectedPods",
            "HorizontalPodAutoscalerStatus.currentReplicas", "HorizontalPodAutoscalerStatus.desiredReplicas",
            "SubjectAccessReviewStatus.allowed");

    private GoJsonConventions() {}

    static boolean isInline(FieldDescriptor field) {
        return INLINE_FIELDS.contains(field.getFullName());
    }

    static boolean keepsZero(FieldDescriptor field) {
        return ZERO_IS_WRITTEN.contains(field.getContainingType().getName() + "." + field.getName());
    }

    /**
     * Named string lists ({@code ExtraValue}, {@code Verbs}): a Go {@code []string} type that protobuf
     * must wrap in a message, and JSON writes as a plain array.
     */
    static boolean isStringList(Descriptor message) {
        if (message.getFields().size() != 1) {
            return false;
        }
        FieldDescriptor only = message.getFields().get(0);
        return only.getName().equals("items") && only.isRepeated()
                && only.getJavaType() == FieldDescriptor.JavaType.STRING;
    }
}
