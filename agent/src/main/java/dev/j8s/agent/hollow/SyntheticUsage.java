package dev.j8s.agent.hollow;

import dev.j8s.agent.metrics.ResourceUsage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The resource usage a hollow container pretends to have: what the pod's {@code hollow.j8s.dev/cpu-usage}
 * and {@code hollow.j8s.dev/memory-usage} annotations say (per container), otherwise a fixed share of
 * the container's requests. Tests steer the HPA by patching the annotation in a pod template.
 */
final class SyntheticUsage {

    static final String CPU_ANNOTATION = "hollow.j8s.dev/cpu-usage";
    static final String MEMORY_ANNOTATION = "hollow.j8s.dev/memory-usage";
    /** Share of the request a container uses when no annotation says otherwise. */
    static final BigDecimal REQUEST_SHARE = new BigDecimal("0.1");

    private SyntheticUsage() {}

    static ResourceUsage of(Pod pod, Container container) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return new ResourceUsage(amount(annotations, CPU_ANNOTATION, container, "cpu"),
                amount(annotations, MEMORY_ANNOTATION, container, "memory"));
    }

    private static BigDecimal amount(Map<String, String> annotations, String annotation, Container container,
                                     String resource) {
        String stated = annotations == null ? null : annotations.get(annotation);
        if (stated != null) {
            try {
                return Quantity.getAmountInBytes(new Quantity(stated));
            } catch (IllegalArgumentException | ArithmeticException e) {
                // An unparsable annotation counts as absent, as a kubelet ignores a broken hint.
            }
        }
        Quantity request = container.getResources() == null || container.getResources().getRequests() == null
                ? null : container.getResources().getRequests().get(resource);
        return request == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(request).multiply(REQUEST_SHARE);
    }
}
