package dev.j8s.controllers.endpoints;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.endpointslice.PodEndpoints;
import dev.j8s.controllers.endpointslice.SelectingServices;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps the Endpoints object of one Service with a selector in step with its pods (created, updated only when
 * the subsets or labels change); deletes it when the Service is gone. Endpoints of selector-less Services are
 * written by their users and left alone.
 */
final class EndpointsReconciler implements Reconciler {

    private final Indexer<Service> services;
    private final Indexer<Pod> pods;
    private final Indexer<Endpoints> endpoints;
    private final ResourceClient<Endpoints> api;

    EndpointsReconciler(Indexer<Service> services, Indexer<Pod> pods, Indexer<Endpoints> endpoints,
                        ResourceClient<Endpoints> api) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.api = api;
    }

    @Override
    public Result reconcile(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Service service = services.get(key);
        Endpoints current = endpoints.get(key);
        if (service == null) {
            if (current != null) {
                deleteQuietly(namespace, name);
            }
            return Result.done();
        }
        if (!PodEndpoints.hasSelector(service)) {
            return Result.done();
        }
        List<EndpointSubset> subsets = EndpointsPlanner.subsets(service, SelectingServices.selectedPods(pods, service));
        Map<String, String> labels = EndpointsPlanner.labels(service);
        if (current == null) {
            api.create(new EndpointsBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                    .withLabels(labels).endMetadata().withSubsets(subsets).build());
            return Result.done();
        }
        List<EndpointSubset> currentSubsets = current.getSubsets() == null ? List.of() : current.getSubsets();
        if (currentSubsets.equals(subsets) && Objects.equals(labelsOrEmpty(current), labels)) {
            return Result.done();
        }
        api.update(new EndpointsBuilder(current).editMetadata().withLabels(labels).endMetadata()
                .withSubsets(subsets).build());
        return Result.done();
    }

    private static Map<String, String> labelsOrEmpty(Endpoints endpoints) {
        return endpoints.getMetadata().getLabels() == null ? Map.of() : endpoints.getMetadata().getLabels();
    }

    private void deleteQuietly(String namespace, String name) {
        try {
            api.delete(namespace, name, null);
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
