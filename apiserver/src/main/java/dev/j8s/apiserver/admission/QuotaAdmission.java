package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.Objects;
import dev.j8s.store.KeyValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * ResourceQuota admission on create. The object's usage is charged to each quota it falls under by
 * a compare-and-swap update of the quota's {@code status.used} before the object is stored, retried
 * on conflict: two parallel creates can never both take the last unit. A failed store gives the
 * charge back. A namespace without quotas costs one empty range read.
 */
final class QuotaAdmission {

    private static final int MAX_ATTEMPTS = 100;

    private final ResourceType quotaType;
    private final ObjectStore objects;
    private final NamespaceLocks locks;
    private final QuotaStatusUpdater updater;
    private final Clock clock;

    QuotaAdmission(ResourceType quotaType, ObjectStore objects, NamespaceLocks locks, QuotaStatusUpdater updater,
                   Clock clock) {
        this.quotaType = quotaType;
        this.objects = objects;
        this.locks = locks;
        this.updater = updater;
        this.clock = clock;
    }

    /** The check alone, for a dry run: refuses what would exceed a quota, charges nothing. */
    void check(ResourceType type, ObjectNode object) {
        Optional<UsageEvaluator> evaluator = UsageEvaluators.forType(type);
        String namespace = Objects.namespace(object);
        if (evaluator.isEmpty() || !hasQuotas(namespace)) {
            return;
        }
        decide(type, object, evaluator.get(), quotasIn(namespace));
    }

    /** Charges the object's quotas, then runs {@code store}; the charges are given back if it fails. */
    ObjectNode create(ResourceType type, ObjectNode object, Supplier<ObjectNode> store) {
        Optional<UsageEvaluator> evaluator = UsageEvaluators.forType(type);
        String namespace = Objects.namespace(object);
        if (evaluator.isEmpty() || !hasQuotas(namespace)) {
            return store.get();
        }
        Lock lock = locks.of(namespace).readLock();
        lock.lock();
        try {
            List<QuotaCheck.Charge> charged = charge(type, object, evaluator.get(), namespace);
            try {
                return store.get();
            } catch (RuntimeException e) {
                release(charged);
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private List<QuotaCheck.Charge> charge(ResourceType type, ObjectNode object, UsageEvaluator evaluator,
                                           String namespace) {
        for (int attempt = 1; ; attempt++) {
            List<QuotaCheck.Charge> charges = decide(type, object, evaluator, quotasIn(namespace));
            List<QuotaCheck.Charge> applied = new ArrayList<>();
            for (QuotaCheck.Charge c : charges) {
                if (!writeUsed(c.quota(), c.newUsed())) {
                    break;
                }
                applied.add(c);
            }
            if (applied.size() == charges.size()) {
                return applied;
            }
            // Another admission charged a quota first: give back what was taken and decide again.
            release(applied);
            if (attempt >= MAX_ATTEMPTS) {
                throw ApiException.conflict("", "resourcequotas", charges.get(applied.size()).quotaName(),
                        "the object has been modified; please apply your changes to the latest version and try again");
            }
        }
    }

    private List<QuotaCheck.Charge> decide(ResourceType type, ObjectNode object, UsageEvaluator evaluator,
                                           List<ObjectNode> quotas) {
        try {
            return QuotaCheck.forCreate(quotas, object, evaluator, clock.instant());
        } catch (QuotaCheck.Denied denied) {
            throw Denials.forbidden(type, object, denied.getMessage());
        }
    }

    /** Subtracts charges again (the object was not stored), re-reading a quota on conflict. */
    private void release(List<QuotaCheck.Charge> charges) {
        for (QuotaCheck.Charge c : charges) {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Optional<ObjectNode> quota = objects.get(quotaType, Objects.namespace(c.quota()), c.quotaName());
                if (quota.isEmpty()
                        || writeUsed(quota.get(), QuotaCheck.used(quota.get()).minusFloorZero(c.requested()))) {
                    break;
                }
            }
        }
    }

    /** Compare-and-swap of status.used against the version the decision was made on. */
    private boolean writeUsed(ObjectNode quota, ResourceList used) {
        ObjectNode updated = quota.deepCopy();
        ObjectNode status = updated.get("status") instanceof ObjectNode s ? s : updated.putObject("status");
        status.set("used", used.toJson());
        try {
            objects.update(quotaType, updated, Objects.resourceVersion(quota));
            return true;
        } catch (ApiException e) {
            if (e.code() == 409 || e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Whether the namespace has quotas, measuring any created or changed a moment ago now rather than
     * refusing with "status unknown" until the status updater gets to them.
     */
    private boolean hasQuotas(String namespace) {
        List<ObjectNode> quotas = quotasIn(namespace);
        if (quotas.stream().anyMatch(QuotaStatusUpdater::needsSync)) {
            updater.sync(namespace);
        }
        return !quotas.isEmpty();
    }

    private List<ObjectNode> quotasIn(String namespace) {
        List<ObjectNode> quotas = new ArrayList<>();
        for (KeyValue kv : objects.list(ObjectStore.listPrefix(quotaType, namespace), null, 0).items()) {
            quotas.add(ObjectStore.decode(kv));
        }
        return quotas;
    }
}
