package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.HashMap;
import java.util.Map;

/** Keeps the {@code kube-root-ca.crt} ConfigMap of the namespace named by the key equal to the cluster CA. */
final class RootCaReconciler implements Reconciler {

    static final String CONFIG_MAP = "kube-root-ca.crt";
    static final String KEY = "ca.crt";
    static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
    static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using "
            + "internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
            + "guaranteed across distributions of Kubernetes clusters.";

    private final Indexer<Namespace> namespaces;
    private final Indexer<ConfigMap> configMaps;
    private final ResourceClient<ConfigMap> client;
    private final String caPem;

    RootCaReconciler(Indexer<Namespace> namespaces, Indexer<ConfigMap> configMaps, ResourceClient<ConfigMap> client,
                     String caPem) {
        this.namespaces = namespaces;
        this.configMaps = configMaps;
        this.client = client;
        this.caPem = caPem;
    }

    @Override
    public Result reconcile(String namespace) {
        if (!ActiveNamespaces.isActive(namespaces.get(null, namespace))) {
            return Result.done();
        }
        ConfigMap existing = configMaps.get(namespace, CONFIG_MAP);
        try {
            if (existing == null) {
                client.create(new ConfigMapBuilder().withNewMetadata().withName(CONFIG_MAP).withNamespace(namespace)
                        .addToAnnotations(DESCRIPTION_ANNOTATION, DESCRIPTION).endMetadata()
                        .addToData(KEY, caPem).build());
            } else if (!upToDate(existing)) {
                // Copy, then change: the cached object is shared.
                ConfigMap wanted = new ConfigMapBuilder(existing).withData(Map.of(KEY, caPem)).withBinaryData(null)
                        .build();
                Map<String, String> annotations = new HashMap<>(wanted.getMetadata().getAnnotations() == null
                        ? Map.of() : wanted.getMetadata().getAnnotations());
                annotations.put(DESCRIPTION_ANNOTATION, DESCRIPTION);
                wanted.getMetadata().setAnnotations(annotations);
                client.update(wanted);
            }
        } catch (ApiStatusException e) {
            if (!e.isAlreadyExists() && !e.isNotFound() && e.code() != 403) {
                throw e;
            }
        }
        return Result.done();
    }

    private boolean upToDate(ConfigMap cm) {
        Map<String, String> annotations = cm.getMetadata().getAnnotations();
        return Map.of(KEY, caPem).equals(cm.getData())
                && (cm.getBinaryData() == null || cm.getBinaryData().isEmpty())
                && annotations != null && DESCRIPTION.equals(annotations.get(DESCRIPTION_ANNOTATION));
    }
}
