package dev.j8s.apiserver.servicenet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.ApiException;
import dev.j8s.api.Json;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.apiserver.rest.ObjectStore;
import dev.j8s.apiserver.rest.ObjectWriter;
import dev.j8s.apiserver.rest.WriteOptions;
import java.util.Optional;

/**
 * The {@code default/kubernetes} Service and its endpoints, as kube-apiserver's endpoint reconciler keeps them:
 * a selector-less ClusterIP Service at the first address of the service range, port 443 (name {@code https})
 * to the API server's port, an Endpoints object (labelled {@code endpointslice.kubernetes.io/skip-mirror} so
 * mirroring leaves it alone) and an EndpointSlice named {@code kubernetes} carrying only the service-name
 * label — no EndpointSlice controller manages it, as the Service has no selector.
 */
public final class KubernetesServiceReconciler {

    static final String NAMESPACE = "default";
    static final String NAME = "kubernetes";
    private static final WriteOptions WRITE = WriteOptions.internal("kube-apiserver");

    private final ResourceRegistry registry;
    private final ObjectStore objects;
    private final ObjectWriter writer;
    private final ServiceNetwork network;

    public KubernetesServiceReconciler(ResourceRegistry registry, ObjectStore objects, ObjectWriter writer,
                                       ServiceNetwork network) {
        this.registry = registry;
        this.objects = objects;
        this.writer = writer;
        this.network = network;
    }

    /** Creates or corrects the Service, Endpoints and EndpointSlice for an API server at {@code address:port}. */
    public void reconcile(String address, int port) {
        ensure(type("", "v1", "services"), service(port), true);
        ensure(type("", "v1", "endpoints"), endpoints(address, port), false);
        ensure(type("discovery.k8s.io", "v1", "endpointslices"), slice(address, port), false);
    }

    private ResourceType type(String group, String version, String plural) {
        return registry.byResource(group, version, plural).orElseThrow();
    }

    /**
     * Creates {@code desired} or, when it exists, rewrites the parts this reconciler owns (the ports of the
     * Service; everything but metadata of the others) if they differ.
     */
    private void ensure(ResourceType type, ObjectNode desired, boolean service) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<ObjectNode> current = objects.get(type, NAMESPACE, NAME);
            try {
                if (current.isEmpty()) {
                    writer.create(type, NAMESPACE, desired, WRITE);
                    return;
                }
                ObjectNode updated = current.get().deepCopy();
                if (service) {
                    ObjectNode spec = (ObjectNode) updated.path("spec");
                    if (spec.path("ports").equals(desired.path("spec").path("ports"))) {
                        return;
                    }
                    spec.set("ports", desired.path("spec").path("ports").deepCopy());
                } else {
                    boolean same = true;
                    for (var field : desired.properties()) {
                        if (!field.getKey().equals("metadata")) {
                            same &= field.getValue().equals(updated.get(field.getKey()));
                            updated.set(field.getKey(), field.getValue().deepCopy());
                        }
                    }
                    ObjectNode labels = ((ObjectNode) updated.path("metadata")).withObject("labels");
                    ObjectNode merged = labels.deepCopy();
                    merged.setAll((ObjectNode) desired.path("metadata").path("labels"));
                    same &= merged.equals(labels);
                    labels.setAll(merged);
                    if (same) {
                        return;
                    }
                }
                writer.update(type, NAMESPACE, NAME, updated, null, WRITE);
                return;
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                // Another API server wrote it meanwhile: look again.
            }
        }
    }

    private ObjectNode service(int port) {
        ObjectNode svc = object("v1", "Service");
        ObjectNode labels = ((ObjectNode) svc.get("metadata")).putObject("labels");
        labels.put("component", "apiserver");
        labels.put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("clusterIP", network.kubernetesServiceIp());
        spec.putArray("clusterIPs").add(network.kubernetesServiceIp());
        spec.put("sessionAffinity", "None");
        ObjectNode p = spec.putArray("ports").addObject();
        p.put("name", "https");
        p.put("protocol", "TCP");
        p.put("port", 443);
        p.put("targetPort", port);
        return svc;
    }

    private ObjectNode endpoints(String address, int port) {
        ObjectNode ep = object("v1", "Endpoints");
        ((ObjectNode) ep.get("metadata")).putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", address);
        ObjectNode p = subset.putArray("ports").addObject();
        p.put("name", "https");
        p.put("port", port);
        p.put("protocol", "TCP");
        return ep;
    }

    private ObjectNode slice(String address, int port) {
        ObjectNode slice = object("discovery.k8s.io/v1", "EndpointSlice");
        ((ObjectNode) slice.get("metadata")).putObject("labels").put("kubernetes.io/service-name", NAME);
        slice.put("addressType", "IPv4");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(address);
        endpoint.putObject("conditions").put("ready", true);
        ArrayNode ports = slice.putArray("ports");
        ObjectNode p = ports.addObject();
        p.put("name", "https");
        p.put("port", port);
        p.put("protocol", "TCP");
        return slice;
    }

    private static ObjectNode object(String apiVersion, String kind) {
        ObjectNode o = Json.object();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        o.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE);
        return o;
    }
}
