package dev.j8s.controllers.disruption;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ClientJson;
import dev.j8s.client.transport.Transport;
import dev.j8s.client.transport.TransportRequest;
import dev.j8s.client.transport.TransportResponse;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Any controller kind through its {@code scale} subresource (disruption.go getScaleController):
 * discovery maps the reference's group, version and kind to a resource, whose scale names the
 * controller's uid and replicas. This is how custom resources with a scale subresource count.
 */
final class ScaleSubresources implements ScaleLookup {

    private final Transport transport;

    ScaleSubresources(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Optional<ControllerScale> find(OwnerReference ref, String namespace) {
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        Optional<APIResourceList> discovery = get(prefix, APIResourceList.class);
        Optional<APIResource> resource = discovery.flatMap(list -> list.getResources().stream()
                .filter(r -> ref.getKind().equals(r.getKind()) && !r.getName().contains("/")).findFirst());
        if (resource.isEmpty()) {
            // No such kind is served: not a controller this lookup knows (meta.IsNoMatchError).
            return Optional.empty();
        }
        String plural = resource.get().getName();
        String path = prefix + (Boolean.TRUE.equals(resource.get().getNamespaced()) ? "/namespaces/" + namespace : "")
                + "/" + plural + "/" + ref.getName() + "/scale";
        Optional<Scale> scale = get(path, Scale.class);
        if (scale.isEmpty()) {
            // A 404 means either no such object or no scale subresource: tell the two apart.
            boolean scalable = discovery.get().getResources().stream().anyMatch(r -> (plural + "/scale")
                    .equals(r.getName()));
            if (!scalable) {
                String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
                throw new BudgetSyncException(plural + (group.isEmpty() ? "" : "." + group)
                        + " does not implement the scale subresource");
            }
            return Optional.empty();
        }
        if (!ref.getUid().equals(scale.get().getMetadata().getUid())) {
            return Optional.empty();
        }
        Integer replicas = scale.get().getSpec() == null ? null : scale.get().getSpec().getReplicas();
        return Optional.of(new ControllerScale(ref.getUid(), replicas == null ? 0 : replicas));
    }

    /** The decoded body, empty on 404; other failures as {@link ApiStatusException}. */
    private <T> Optional<T> get(String path, Class<T> type) {
        try {
            TransportResponse response = transport.send(TransportRequest.get(path));
            if (response.status() == 404) {
                return Optional.empty();
            }
            if (!response.isSuccess()) {
                throw new ApiStatusException(status(response));
            }
            return Optional.of(ClientJson.MAPPER.readValue(response.body(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        }
    }

    private static Status status(TransportResponse response) {
        try {
            Status status = ClientJson.MAPPER.readValue(response.body(), Status.class);
            if ("Status".equals(status.getKind())) {
                return status;
            }
        } catch (IOException notAStatus) {
            // a proxy's error page: say what came back
        }
        return new StatusBuilder().withStatus("Failure").withCode(response.status())
                .withMessage("unexpected response " + response.status()).build();
    }
}
