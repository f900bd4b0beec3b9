package dev.j8s.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.api.ResourceRegistry;
import dev.j8s.api.ResourceType;
import dev.j8s.client.transport.HttpsTransport;
import dev.j8s.client.transport.Transport;
import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point of the j8s API client: typed {@link ResourceClient}s over one {@link Transport}.
 * Resource clients are cached per type and safe to share between threads.
 */
public final class KubeClient implements AutoCloseable {

    private final Transport transport;
    private final ResourceRegistry registry;
    private final ObjectMapper mapper;
    private final Map<Object, ResourceClient<?>> clients = new ConcurrentHashMap<>();

    public KubeClient(Transport transport) {
        this(transport, ResourceRegistry.withBuiltins());
    }

    public KubeClient(Transport transport, ResourceRegistry registry) {
        this.transport = transport;
        this.registry = registry;
        this.mapper = ClientJson.MAPPER;
    }

    /** A client over HTTPS with the current context of a kubeconfig. */
    public static KubeClient fromKubeconfig(Path kubeconfig) throws IOException {
        return new KubeClient(HttpsTransport.of(KubeconfigCredentials.load(kubeconfig)));
    }

    /** The built-in resource whose fabric8 model class is {@code modelClass} (Pod → pods, Lease → leases). */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceClient<T> resources(Class<T> modelClass) {
        return (ResourceClient<T>) clients.computeIfAbsent(modelClass, c -> new ResourceClient<>(transport,
                typeOf(modelClass), modelClass, mapper));
    }

    /** A resource by its registry entry; custom resources (no model class) come as generic objects. */
    public ResourceClient<GenericKubernetesResource> resources(ResourceType type) {
        return resources(type, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceClient<T> resources(ResourceType type, Class<T> modelClass) {
        return (ResourceClient<T>) clients.computeIfAbsent(new TypedKey(type, modelClass),
                k -> new ResourceClient<>(transport, type, modelClass, mapper));
    }

    /**
     * Binds a pending pod to a node through the pods/binding subresource, the scheduler's one write
     * per pod: the server sets spec.nodeName and the PodScheduled condition.
     */
    public void bind(String namespace, String podName, String podUid, String nodeName) {
        Binding binding = new BindingBuilder()
                .withNewMetadata().withName(podName).withNamespace(namespace).withUid(podUid).endMetadata()
                .withNewTarget().withKind("Node").withApiVersion("v1").withName(nodeName).endTarget()
                .build();
        resources(Pod.class).createSubresource(namespace, podName, "binding", binding, Status.class);
    }

    public Transport transport() {
        return transport;
    }

    private ResourceType typeOf(Class<?> modelClass) {
        return registry.all().stream()
                .filter(t -> modelClass.equals(t.modelClass()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(modelClass.getName() + " is not a served resource"));
    }

    @Override
    public void close() {
        transport.close();
    }

    private record TypedKey(ResourceType type, Class<?> modelClass) {}
}
