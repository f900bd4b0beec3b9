package dev.j8s.api.patch;

import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.CSIDriverSpec;
import io.fabric8.kubernetes.api.model.storage.CSINodeDriver;
import io.fabric8.kubernetes.api.model.storage.CSINodeSpec;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/**
 * Patch metadata of the named API groups: apps, batch, networking.k8s.io, discovery.k8s.io, policy, rbac.authorization.k8s.io, autoscaling, storage.k8s.io.
 * Facts from the Kubernetes v1.32 Go types: {@code patchStrategy}/{@code patchMergeKey} struct tags and
 * {@code +listType}/{@code +listMapKey} markers, keyed by the fabric8 model class of the declaring struct.
 */
final class GroupPatchFields {

    private GroupPatchFields() {}

    static void register(PatchMetadataTable t) {
        // apps/v1
        t.field(StatefulSetSpec.class, "volumeClaimTemplates", null, null, "atomic");
        t.field(StatefulSetStatus.class, "conditions", "merge", "type", "map", "type");
        t.field(DeploymentSpec.class, "strategy", "retainKeys", null, null);
        t.field(DeploymentStatus.class, "conditions", "merge", "type", "map", "type");
        t.field(DaemonSetStatus.class, "conditions", "merge", "type", "map", "type");
        t.field(ReplicaSetStatus.class, "conditions", "merge", "type", "map", "type");
        // batch/v1
        t.field(PodFailurePolicyOnExitCodesRequirement.class, "values", null, null, "set");
        t.field(PodFailurePolicyRule.class, "onPodConditions", null, null, "atomic");
        t.field(PodFailurePolicy.class, "rules", null, null, "atomic");
        t.field(SuccessPolicy.class, "rules", null, null, "atomic");
        t.field(JobStatus.class, "conditions", "merge", "type", "atomic");
        t.field(UncountedTerminatedPods.class, "succeeded", null, null, "set");
        t.field(UncountedTerminatedPods.class, "failed", null, null, "set");
        t.field(CronJobStatus.class, "active", null, null, "atomic");
        // networking/v1
        t.field(NetworkPolicySpec.class, "ingress", null, null, "atomic");
        t.field(NetworkPolicySpec.class, "egress", null, null, "atomic");
        t.field(NetworkPolicySpec.class, "policyTypes", null, null, "atomic");
        t.field(NetworkPolicyIngressRule.class, "ports", null, null, "atomic");
        t.field(NetworkPolicyIngressRule.class, "from", null, null, "atomic");
        t.field(NetworkPolicyEgressRule.class, "ports", null, null, "atomic");
        t.field(NetworkPolicyEgressRule.class, "to", null, null, "atomic");
        t.field(IPBlock.class, "except", null, null, "atomic");
        t.field(IngressSpec.class, "tls", null, null, "atomic");
        t.field(IngressSpec.class, "rules", null, null, "atomic");
        t.field(IngressTLS.class, "hosts", null, null, "atomic");
        t.field(IngressLoadBalancerStatus.class, "ingress", null, null, "atomic");
        t.field(IngressLoadBalancerIngress.class, "ports", null, null, "atomic");
        t.field(HTTPIngressRuleValue.class, "paths", null, null, "atomic");
        // discovery/v1
        t.field(EndpointSlice.class, "endpoints", null, null, "atomic");
        t.field(EndpointSlice.class, "ports", null, null, "atomic");
        t.field(Endpoint.class, "addresses", null, null, "set");
        t.field(EndpointHints.class, "forZones", null, null, "atomic");
        // policy/v1
        t.field(PodDisruptionBudgetSpec.class, "selector", "replace", null, null);
        t.field(PodDisruptionBudgetStatus.class, "conditions", "merge", "type", "map", "type");
        // rbac/v1
        t.field(PolicyRule.class, "verbs", null, null, "atomic");
        t.field(PolicyRule.class, "apiGroups", null, null, "atomic");
        t.field(PolicyRule.class, "resources", null, null, "atomic");
        t.field(PolicyRule.class, "resourceNames", null, null, "atomic");
        t.field(PolicyRule.class, "nonResourceURLs", null, null, "atomic");
        t.field(Role.class, "rules", null, null, "atomic");
        t.field(RoleBinding.class, "subjects", null, null, "atomic");
        t.field(ClusterRole.class, "rules", null, null, "atomic");
        t.field(AggregationRule.class, "clusterRoleSelectors", null, null, "atomic");
        t.field(ClusterRoleBinding.class, "subjects", null, null, "atomic");
        // autoscaling/v2
        t.field(HorizontalPodAutoscalerSpec.class, "metrics", null, null, "atomic");
        t.field(HPAScalingRules.class, "policies", null, null, "atomic");
        t.field(HorizontalPodAutoscalerStatus.class, "currentMetrics", null, null, "atomic");
        t.field(HorizontalPodAutoscalerStatus.class, "conditions", "merge", "type", "map", "type");
        // storage/v1
        t.field(StorageClass.class, "mountOptions", null, null, "atomic");
        t.field(StorageClass.class, "allowedTopologies", null, null, "atomic");
        t.field(CSIDriverSpec.class, "volumeLifecycleModes", null, null, "set");
        t.field(CSIDriverSpec.class, "tokenRequests", null, null, "atomic");
        t.field(CSINodeSpec.class, "drivers", "merge", "name", "map", "name");
        t.field(CSINodeDriver.class, "topologyKeys", null, null, "atomic");
    }
}
