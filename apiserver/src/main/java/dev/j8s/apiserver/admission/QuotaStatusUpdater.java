package dev.j8s.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.Objects;
import dev.j8s.store.KeyValue;
import dev.j8s.store.ListResult;
import dev.j8s.store.Watch;
import dev.j8s.store.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource quota controller's status half: keeps {@code status.hard} equal to {@code spec.hard}
 * and {@code status.used} equal to what the namespace's objects use. Admission charges creates
 * itself; this recomputes a namespace when a quota is created or its spec changes, when an object
 * there is deleted or changes what it uses (a pod turning Succeeded), and on a periodic resync, as
 * the quota controller's replenishment and resync do.
 */
public final class QuotaStatusUpdater implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QuotaStatusUpdater.class);
    private static final int MAX_ATTEMPTS = 10;

    private final ResourceType quotaType;
    private final ObjectStore objects;
    private final QuotaUsageCalculator calculator;
    private final NamespaceLocks locks;
    private final Clock clock;
    private final Duration resyncPeriod;
    /** Namespace → names of its quotas, from the watch: only these namespaces' events matter. */
    private final Map<String, Set<String>> quotasByNamespace = new ConcurrentHashMap<>();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "j8s-quota-status");
        t.setDaemon(true);
        return t;
    });
    private Watch watch;

    QuotaStatusUpdater(ResourceType quotaType, ObjectStore objects, QuotaUsageCalculator calculator,
                       NamespaceLocks locks, Clock clock, Duration resyncPeriod) {
        this.quotaType = quotaType;
        this.objects = objects;
        this.calculator = calculator;
        this.locks = locks;
        this.clock = clock;
        this.resyncPeriod = resyncPeriod;
    }

    /** Brings every stored quota up to date, then follows the store. */
    void start() {
        ListResult all = objects.list(ObjectStore.listPrefix(quotaType, null), null, 0);
        for (KeyValue kv : all.items()) {
            ObjectNode quota = ObjectStore.decode(kv);
            remember(namespace(quota), name(quota));
        }
        quotasByNamespace.keySet().forEach(this::enqueue);
        watch = objects.raw().watch("/registry/", all.revision(), this::onEvent);
        long period = resyncPeriod.toMillis();
        worker.scheduleAtFixedRate(() -> quotasByNamespace.keySet().forEach(this::enqueue), period, period,
                TimeUnit.MILLISECONDS);
    }

    /** Whether a quota's status is behind its spec (new quota, changed hard limits). */
    static boolean needsSync(JsonNode quota) {
        ResourceList specHard = ResourceList.fromJson(quota.path("spec").path("hard"));
        ResourceList statusHard = QuotaCheck.hard(quota);
        return !specHard.sameAs(statusHard) || !QuotaCheck.used(quota).names().equals(specHard.names());
    }

    /**
     * Recomputes every quota of a namespace now. Holds the namespace's write lock, so no admission
     * is between charging a quota and storing its object meanwhile.
     */
    void sync(String namespace) {
        Lock lock = locks.of(namespace).writeLock();
        lock.lock();
        try {
            for (KeyValue kv : objects.list(ObjectStore.listPrefix(quotaType, namespace), null, 0).items()) {
                syncQuota(ObjectStore.decode(kv));
            }
        } finally {
            lock.unlock();
        }
    }

    private void syncQuota(ObjectNode quota) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ObjectNode status = Json.object();
            status.set("hard", ResourceList.fromJson(quota.path("spec").path("hard")).toJson());
            status.set("used", calculator.usedBy(quota, clock.instant()).toJson());
            if (status.equals(quota.get("status"))) {
                return;
            }
            ObjectNode updated = quota.deepCopy();
            updated.set("status", status);
            try {
                objects.update(quotaType, updated, Objects.resourceVersion(quota));
                return;
            } catch (ApiException e) {
                if (e.code() != 409) {
                    return;
                }
                // The spec changed meanwhile (admissions wait on the lock): measure against the new one.
                Optional<ObjectNode> current = objects.get(quotaType, namespace(quota), name(quota));
                if (current.isEmpty()) {
                    return;
                }
                quota = current.get();
            }
        }
        log.warn("quota {}/{}: status not updated after {} conflicts", namespace(quota), name(quota), MAX_ATTEMPTS);
    }

    private void onEvent(WatchEvent event) {
        String[] parts = event.kv().key().split("/", -1);
        if (parts.length != 6) {
            return; // cluster-scoped: "/registry/<group>/<resource>/<name>"
        }
        String group = parts[2].equals("core") ? "" : parts[2];
        String resource = parts[3];
        String namespace = parts[4];
        if (group.isEmpty() && resource.equals("resourcequotas")) {
            onQuotaEvent(event, namespace, parts[5]);
        }
        if (!quotasByNamespace.containsKey(namespace)) {
            return;
        }
        if (event.type() == WatchEvent.Type.DELETE) {
            enqueue(namespace);
        } else if (!event.isCreate()) {
            // Creates were charged by admission; an update matters only if it changes what the object uses.
            UsageEvaluator evaluator = UsageEvaluators.forGroupResource(group.isEmpty() ? resource : resource + "." + group);
            if (!evaluator.countsOnly() && evaluator.changesUsage(ObjectStore.decode(event.prevKv()),
                    ObjectStore.decode(event.kv()), clock.instant())) {
                enqueue(namespace);
            }
        }
    }

    private void onQuotaEvent(WatchEvent event, String namespace, String name) {
        if (event.type() == WatchEvent.Type.DELETE) {
            quotasByNamespace.computeIfPresent(namespace, (ns, names) -> {
                names.remove(name);
                return names.isEmpty() ? null : names;
            });
            return;
        }
        remember(namespace, name);
        ObjectNode quota = ObjectStore.decode(event.kv());
        boolean specChanged = event.prevKv() != null && !ObjectStore.decode(event.prevKv()).path("spec")
                .equals(quota.path("spec"));
        if (needsSync(quota) || specChanged) {
            enqueue(namespace);
        }
    }

    private void remember(String namespace, String name) {
        quotasByNamespace.computeIfAbsent(namespace, ns -> ConcurrentHashMap.newKeySet()).add(name);
    }

    /** Queues a namespace once however many events ask for it before it is recomputed. */
    private void enqueue(String namespace) {
        if (worker.isShutdown() || !queued.add(namespace)) {
            return;
        }
        worker.execute(() -> {
            queued.remove(namespace);
            try {
                sync(namespace);
            } catch (RuntimeException e) {
                log.warn("recomputing the quotas of namespace {} failed: {}", namespace, e.getMessage());
            }
        });
    }

    private static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        worker.shutdownNow();
    }
}
