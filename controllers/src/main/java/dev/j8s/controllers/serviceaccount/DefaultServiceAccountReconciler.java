package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** Makes sure the active namespace named by the key has its {@code default} ServiceAccount. */
final class DefaultServiceAccountReconciler implements Reconciler {

    static final String DEFAULT_NAME = "default";

    private final Indexer<Namespace> namespaces;
    private final Indexer<ServiceAccount> serviceAccounts;
    private final ResourceClient<ServiceAccount> client;

    DefaultServiceAccountReconciler(Indexer<Namespace> namespaces, Indexer<ServiceAccount> serviceAccounts,
                                    ResourceClient<ServiceAccount> client) {
        this.namespaces = namespaces;
        this.serviceAccounts = serviceAccounts;
        this.client = client;
    }

    @Override
    public Result reconcile(String namespace) {
        if (!ActiveNamespaces.isActive(namespaces.get(null, namespace))
                || serviceAccounts.get(namespace, DEFAULT_NAME) != null) {
            return Result.done();
        }
        try {
            client.create(new ServiceAccountBuilder().withNewMetadata().withName(DEFAULT_NAME)
                    .withNamespace(namespace).endMetadata().build());
        } catch (ApiStatusException e) {
            // Already there (the cache was behind), or the namespace went away or began terminating meanwhile.
            if (!e.isAlreadyExists() && !e.isNotFound() && e.code() != 403) {
                throw e;
            }
        }
        return Result.done();
    }
}
