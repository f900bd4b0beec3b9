package dev.j8s.controllers.endpoints;

import dev.j8s.controllers.framework.EnqueueByKey;
import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.endpointslice.SelectingServices;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

/**
 * The legacy Endpoints controller: core/v1 Endpoints for Services with a selector, still what
 * {@code kubectl describe service} prints as "Endpoints:". Work items are Service keys.
 */
public final class EndpointsController implements AutoCloseable {

    public static final String NAME = "endpoint-controller";

    private final ControllerRunner runner;

    public EndpointsController(KubeClient client, SharedInformerFactory informers, int workers) {
        SharedIndexInformer<Service> services = informers.informerFor(Service.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        SharedIndexInformer<Endpoints> endpoints = informers.informerFor(Endpoints.class);
        InformerIndexes.ensure(pods, Indexes.NAMESPACE, Indexes.byNamespace());
        SelectingServices selecting = new SelectingServices(services);
        this.runner = new ControllerRunner(NAME, new EndpointsReconciler(services.indexer(), pods.indexer(),
                endpoints.indexer(), client.resources(Endpoints.class)), workers);
        services.addEventHandler(EnqueueByKey.of(runner::enqueue));
        pods.addEventHandler(selecting.podHandler(runner::enqueue));
        endpoints.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onDelete(Endpoints deleted) {
                // Someone deleted what this controller keeps: bring it back if the Service still selects pods.
                runner.enqueue(ObjectKeys.key(deleted));
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
