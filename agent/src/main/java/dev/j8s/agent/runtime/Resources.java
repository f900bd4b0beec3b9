package dev.j8s.agent.runtime;

/**
 * Limits of one container (CRI's LinuxContainerResources, the part j8s enforces).
 *
 * @param memoryLimitBytes 0 for none
 * @param cpuQuotaMicros   CPU time allowed per period; 0 for none (limits.cpu 500m = 50,000 per 100,000)
 */
public record Resources(long memoryLimitBytes, long cpuQuotaMicros, long cpuPeriodMicros) {

    public static final Resources NONE = new Resources(0, 0, 100_000);

    /** From Kubernetes limits: memory in bytes, cpu in millicores. */
    public static Resources ofLimits(long memoryBytes, long cpuMillis) {
        return new Resources(memoryBytes, cpuMillis <= 0 ? 0 : cpuMillis * 100, 100_000);
    }
}
