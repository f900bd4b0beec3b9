package dev.j8s.agent.metrics;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** A usage sample in base units, as metrics.k8s.io reports it: CPU in cores (a rate), memory in bytes (working set). */
public record ResourceUsage(BigDecimal cpuCores, BigDecimal memoryBytes) {

    public static final ResourceUsage ZERO = new ResourceUsage(BigDecimal.ZERO, BigDecimal.ZERO);

    public static ResourceUsage of(double cpuCores, long memoryBytes) {
        return new ResourceUsage(BigDecimal.valueOf(Math.max(0, cpuCores)), BigDecimal.valueOf(Math.max(0, memoryBytes)));
    }

    public ResourceUsage plus(ResourceUsage other) {
        return new ResourceUsage(cpuCores.add(other.cpuCores), memoryBytes.add(other.memoryBytes));
    }

    /** As metrics-server writes it: CPU in nanocores, memory in Ki. */
    public Map<String, Quantity> toQuantities() {
        BigDecimal nanos = cpuCores.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
        BigDecimal kib = memoryBytes.divide(BigDecimal.valueOf(1024), 0, RoundingMode.HALF_UP);
        return Map.of("cpu", new Quantity(nanos.toPlainString() + "n"),
                "memory", new Quantity(kib.toPlainString() + "Ki"));
    }
}
