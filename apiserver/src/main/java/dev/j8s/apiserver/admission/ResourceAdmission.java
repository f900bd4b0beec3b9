package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The admission plugins that read other objects, in Kubernetes' order for a create: LimitRanger (mutating:
 * defaults; validating: min/max), ServiceAccount (the pod's service account and its API token volume), Priority
 * (the pod's priority from its PriorityClass), then ResourceQuota, which charges the quota just before the object
 * is stored. Also owns the quota status updater they rely on.
 */
public final class ResourceAdmission implements AutoCloseable {

    /** The quota controller's default full resync period. */
    private static final Duration RESYNC = Duration.ofMinutes(5);

    private final PriorityAdmission priorities;
    private final ServiceAccountAdmission serviceAccounts;
    private final LimitRangeAdmission limitRanges;
    private final QuotaAdmission quotas;
    private final QuotaStatusUpdater updater;

    public ResourceAdmission(ResourceRegistry registry, ObjectStore objects, Clock clock) {
        ResourceType quotaType = registry.byResource("", "v1", "resourcequotas").orElseThrow();
        ResourceType limitRangeType = registry.byResource("", "v1", "limitranges").orElseThrow();
        NamespaceLocks locks = new NamespaceLocks();
        QuotaUsageCalculator calculator = new QuotaUsageCalculator(objects, new UsageEvaluators(registry));
        this.updater = new QuotaStatusUpdater(quotaType, objects, calculator, locks, clock, RESYNC);
        this.quotas = new QuotaAdmission(quotaType, objects, locks, updater, clock);
        this.limitRanges = new LimitRangeAdmission(limitRangeType, objects);
        this.priorities = new PriorityAdmission(
                registry.byResource("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow(), objects);
        this.serviceAccounts = new ServiceAccountAdmission(registry.byResource("", "v1", "serviceaccounts")
                .orElseThrow(), objects, new java.security.SecureRandom());
    }

    /** Brings quota statuses up to date and starts following changes. */
    public void start() {
        updater.start();
    }

    /** Mutating admission of a new object (before defaulting and validation). */
    public void mutate(ResourceType type, ObjectNode object) {
        limitRanges.applyDefaults(type, object);
        serviceAccounts.admit(type, object);
        priorities.admit(type, object);
    }

    /** Validating admission of a new object; a dry run also checks quotas, without charging them. */
    public void validate(ResourceType type, ObjectNode object, boolean dryRun) {
        limitRanges.validate(type, object);
        if (dryRun) {
            quotas.check(type, object);
        }
    }

    /** Stores a new object with {@code store}, its quotas charged first (and given back if storing fails). */
    public ObjectNode charged(ResourceType type, ObjectNode object, Supplier<ObjectNode> store) {
        return quotas.create(type, object, store);
    }

    @Override
    public void close() {
        updater.close();
    }
}
