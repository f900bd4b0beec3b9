package dev.j8s.controllers.endpointslice;

import dev.j8s.controllers.framework.EnqueueByKey;
import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import dev.j8s.client.informer.Indexes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;

/**
 * The EndpointSlice controller: for every Service with a selector, discovery.k8s.io/v1 slices of the pods it
 * selects. Service, pod and slice events enqueue Service keys; {@link EndpointSliceReconciler} does the rest.
 */
public final class EndpointSliceController implements AutoCloseable {

    public static final String NAME = "endpointslice-controller";

    private final ControllerRunner runner;

    public EndpointSliceController(KubeClient client, SharedInformerFactory informers, Clock clock, int workers) {
        SharedIndexInformer<Service> services = informers.informerFor(Service.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        SharedIndexInformer<Node> nodes = informers.informerFor(Node.class);
        SharedIndexInformer<EndpointSlice> slices = informers.informerFor(EndpointSlice.class);
        InformerIndexes.ensure(pods, Indexes.NAMESPACE, Indexes.byNamespace());
        InformerIndexes.ensure(slices, EndpointSliceReconciler.BY_SERVICE, EndpointSliceReconciler::serviceKeys);
        SelectingServices selecting = new SelectingServices(services);
        this.runner = new ControllerRunner(NAME, new EndpointSliceReconciler(services.indexer(), pods.indexer(),
                nodes.indexer(), slices.indexer(), client.resources(EndpointSlice.class), new SliceTracker(clock),
                EndpointSlicePlanner.MAX_ENDPOINTS_PER_SLICE), workers);
        services.addEventHandler(EnqueueByKey.of(runner::enqueue));
        pods.addEventHandler(selecting.podHandler(runner::enqueue));
        slices.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                EndpointSliceReconciler.serviceKeys(slice).forEach(runner::enqueue);
            }

            @Override
            public void onUpdate(EndpointSlice oldSlice, EndpointSlice newSlice) {
                EndpointSliceReconciler.serviceKeys(newSlice).forEach(runner::enqueue);
            }

            @Override
            public void onDelete(EndpointSlice slice) {
                EndpointSliceReconciler.serviceKeys(slice).forEach(runner::enqueue);
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
