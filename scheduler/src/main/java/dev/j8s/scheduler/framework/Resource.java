package dev.j8s.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * Amounts of compute resources in the units the scheduler compares (Kubernetes' framework.Resource):
 * CPU in millicores, memory and ephemeral storage in bytes, a pod count, and extended/hugepage
 * resources by name. Mutable so a NodeInfo can add and subtract pods cheaply; copy before sharing.
 */
public final class Resource {

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String EPHEMERAL_STORAGE = "ephemeral-storage";
    public static final String PODS = "pods";

    private long milliCpu;
    private long memory;
    private long ephemeralStorage;
    private long allowedPodNumber;
    private Map<String, Long> scalars;

    public Resource() {
    }

    public Resource(long milliCpu, long memory) {
        this.milliCpu = milliCpu;
        this.memory = memory;
    }

    /** A resource list as found in requests, limits, overhead or node allocatable; null is empty. */
    public static Resource of(Map<String, Quantity> list) {
        Resource r = new Resource();
        r.add(list);
        return r;
    }

    public void add(Map<String, Quantity> list) {
        if (list == null) {
            return;
        }
        list.forEach((name, quantity) -> {
            switch (name) {
                case CPU -> milliCpu += milliValue(quantity);
                case MEMORY -> memory += value(quantity);
                case EPHEMERAL_STORAGE -> ephemeralStorage += value(quantity);
                case PODS -> allowedPodNumber += value(quantity);
                default -> {
                    if (isScalar(name)) {
                        addScalar(name, value(quantity));
                    }
                }
            }
        });
    }

    public void add(Resource other) {
        milliCpu += other.milliCpu;
        memory += other.memory;
        ephemeralStorage += other.ephemeralStorage;
        allowedPodNumber += other.allowedPodNumber;
        if (other.scalars != null) {
            other.scalars.forEach(this::addScalar);
        }
    }

    public void subtract(Resource other) {
        milliCpu -= other.milliCpu;
        memory -= other.memory;
        ephemeralStorage -= other.ephemeralStorage;
        allowedPodNumber -= other.allowedPodNumber;
        if (other.scalars != null) {
            other.scalars.forEach((name, amount) -> addScalar(name, -amount));
        }
    }

    /** Raises each amount to at least {@code other}'s (an init container runs alone). */
    public void setMax(Resource other) {
        milliCpu = Math.max(milliCpu, other.milliCpu);
        memory = Math.max(memory, other.memory);
        ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
        if (other.scalars != null) {
            other.scalars.forEach((name, amount) -> setScalar(name, Math.max(scalar(name), amount)));
        }
    }

    public Resource copy() {
        Resource r = new Resource(milliCpu, memory);
        r.ephemeralStorage = ephemeralStorage;
        r.allowedPodNumber = allowedPodNumber;
        r.scalars = scalars == null ? null : new HashMap<>(scalars);
        return r;
    }

    public void addScalar(String name, long amount) {
        setScalar(name, scalar(name) + amount);
    }

    public void setScalar(String name, long amount) {
        if (scalars == null) {
            scalars = new HashMap<>(4);
        }
        scalars.put(name, amount);
    }

    public long scalar(String name) {
        return scalars == null ? 0 : scalars.getOrDefault(name, 0L);
    }

    public Map<String, Long> scalars() {
        return scalars == null ? Map.of() : scalars;
    }

    /** The amount of a resource by its API name, in scheduler units. */
    public long get(String name) {
        return switch (name) {
            case CPU -> milliCpu;
            case MEMORY -> memory;
            case EPHEMERAL_STORAGE -> ephemeralStorage;
            case PODS -> allowedPodNumber;
            default -> scalar(name);
        };
    }

    public long milliCpu() {
        return milliCpu;
    }

    public long memory() {
        return memory;
    }

    public long ephemeralStorage() {
        return ephemeralStorage;
    }

    public long allowedPodNumber() {
        return allowedPodNumber;
    }

    public void setMilliCpu(long milliCpu) {
        this.milliCpu = milliCpu;
    }

    public void setMemory(long memory) {
        this.memory = memory;
    }

    public boolean isZero() {
        return milliCpu == 0 && memory == 0 && ephemeralStorage == 0
                && (scalars == null || scalars.values().stream().allMatch(v -> v == 0));
    }

    /**
     * Kubernetes' {@code IsScalarResourceName}: extended resources (a domain outside
     * kubernetes.io), hugepages and attachable volumes are counted by name.
     */
    static boolean isScalar(String name) {
        if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")) {
            return true;
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String domain = name.substring(0, slash);
        return !domain.equals("kubernetes.io") && !domain.endsWith(".kubernetes.io") && !name.startsWith("requests.");
    }

    /** {@code Quantity.MilliValue()}: rounded up, as Kubernetes does for fractional millicores. */
    static long milliValue(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.CEILING).longValue();
    }

    /** {@code Quantity.Value()}: rounded up to a whole unit. */
    static long value(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING).longValue();
    }

    @Override
    public String toString() {
        return "Resource{cpu=" + milliCpu + "m, memory=" + memory + ", ephemeral-storage=" + ephemeralStorage
                + ", pods=" + allowedPodNumber + (scalars == null ? "" : ", " + scalars) + "}";
    }
}
