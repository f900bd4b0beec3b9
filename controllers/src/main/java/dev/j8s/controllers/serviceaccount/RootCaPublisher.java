package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * Kubernetes' root-ca-cert-publisher: every active namespace has a ConfigMap {@code kube-root-ca.crt} whose
 * {@code ca.crt} is the cluster CA (what pods' projected API volumes mount), restored when it is changed or deleted.
 * Work items are namespace names.
 */
public final class RootCaPublisher implements AutoCloseable {

    public static final String NAME = "root-ca-cert-publisher";

    private final ControllerRunner runner;

    public RootCaPublisher(KubeClient client, SharedInformerFactory informers, String caPem, int workers) {
        SharedIndexInformer<Namespace> namespaces = informers.informerFor(Namespace.class);
        SharedIndexInformer<ConfigMap> configMaps = informers.informerFor(ConfigMap.class);
        this.runner = new ControllerRunner(NAME, new RootCaReconciler(namespaces.indexer(), configMaps.indexer(),
                client.resources(ConfigMap.class), caPem), workers);
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
        configMaps.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(ConfigMap oldCm, ConfigMap newCm) {
                enqueueIfRootCa(newCm);
            }

            @Override
            public void onDelete(ConfigMap cm) {
                enqueueIfRootCa(cm);
            }
        });
    }

    private void enqueueIfRootCa(ConfigMap cm) {
        if (RootCaReconciler.CONFIG_MAP.equals(cm.getMetadata().getName())) {
            runner.enqueue(cm.getMetadata().getNamespace());
        }
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
