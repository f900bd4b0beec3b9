package dev.j8s.agent.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The downward API's values: fieldRef paths of the pod (pkg/fieldpath) and resourceFieldRef values
 * of a container (pkg/api/v1/resource: a limit that is not set is the node's allocatable; values are
 * divided by the divisor and rounded up).
 */
final class FieldPaths {

    private FieldPaths() {}

    static String field(Pod pod, String path, String hostIp, String podIp) throws ContainerConfigException {
        var meta = pod.getMetadata();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return valueOrEmpty(meta.getLabels(), path.substring(17, path.length() - 2));
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return valueOrEmpty(meta.getAnnotations(), path.substring(22, path.length() - 2));
        }
        return switch (path) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> format(meta.getLabels());
            case "metadata.annotations" -> format(meta.getAnnotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.hostIP", "status.hostIPs" -> hostIp;
            case "status.podIP", "status.podIPs" -> podIp;
            default -> throw new ContainerConfigException("unsupported fieldPath: " + path);
        };
    }

    static String resource(Pod pod, Container container, ResourceFieldSelector selector,
                           Map<String, Quantity> allocatable) throws ContainerConfigException {
        String resource = selector.getResource();
        String[] parts = resource.split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))) {
            throw new ContainerConfigException("unsupported container resource: " + resource);
        }
        Map<String, Quantity> values = container.getResources() == null ? null
                : parts[0].equals("limits") ? container.getResources().getLimits() : container.getResources().getRequests();
        Quantity q = values == null ? null : values.get(parts[1]);
        if (q == null && parts[0].equals("limits")) {
            q = allocatable.get(parts[1]);
        }
        BigDecimal amount = q == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(q);
        BigDecimal divisor = selector.getDivisor() == null ? BigDecimal.ONE : Quantity.getAmountInBytes(selector.getDivisor());
        if (divisor.signum() == 0) {
            divisor = BigDecimal.ONE;
        }
        return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
    }

    private static String valueOrEmpty(Map<String, String> map, String key) {
        return map == null ? "" : map.getOrDefault(key, "");
    }

    /** The downward API's map format: one {@code key="value"} line per entry, sorted. */
    static String format(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(map).forEach((k, v) -> out.append(out.isEmpty() ? "" : "\n").append(k).append("=\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"'));
        return out.toString();
    }
}
