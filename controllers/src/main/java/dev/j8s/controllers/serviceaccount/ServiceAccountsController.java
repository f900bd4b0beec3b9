package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * Kubernetes' ServiceAccountsController: every active namespace has a {@code default} ServiceAccount, created when
 * the namespace appears and again whenever it is deleted. Work items are namespace names.
 */
public final class ServiceAccountsController implements AutoCloseable {

    public static final String NAME = "serviceaccount-controller";

    private final ControllerRunner runner;

    public ServiceAccountsController(KubeClient client, SharedInformerFactory informers, int workers) {
        SharedIndexInformer<Namespace> namespaces = informers.informerFor(Namespace.class);
        SharedIndexInformer<ServiceAccount> serviceAccounts = informers.informerFor(ServiceAccount.class);
        this.runner = new ControllerRunner(NAME, new DefaultServiceAccountReconciler(namespaces.indexer(),
                serviceAccounts.indexer(), client.resources(ServiceAccount.class)), workers);
        namespaces.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                runner.enqueue(ns.getMetadata().getName());
            }

            @Override
            public void onUpdate(Namespace oldNs, Namespace newNs) {
                runner.enqueue(newNs.getMetadata().getName());
            }
        });
        serviceAccounts.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(ServiceAccount sa) {
                if (DefaultServiceAccountReconciler.DEFAULT_NAME.equals(sa.getMetadata().getName())) {
                    runner.enqueue(sa.getMetadata().getNamespace());
                }
            }
        });
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
