package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.ApiStatusException;
import dev.j8s.client.ResourceClient;
import dev.j8s.client.informer.Indexer;
import dev.j8s.controllers.framework.Reconciler;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Kubernetes' TokensController for one Secret of type kubernetes.io/service-account-token (key "ns/name"): while
 * the ServiceAccount named by its {@code kubernetes.io/service-account.name} annotation exists (with the uid of the
 * {@code .uid} annotation, when set), the Secret carries a signed {@code token}, the cluster {@code ca.crt} and its
 * {@code namespace}, and the uid annotation; once that ServiceAccount is gone, the Secret is deleted.
 */
final class TokenSecretReconciler implements Reconciler {

    static final String SECRET_TYPE = "kubernetes.io/service-account-token";
    static final String NAME_ANNOTATION = "kubernetes.io/service-account.name";
    static final String UID_ANNOTATION = "kubernetes.io/service-account.uid";

    private final Indexer<Secret> secrets;
    private final Indexer<ServiceAccount> serviceAccounts;
    private final ResourceClient<Secret> secretClient;
    private final ResourceClient<ServiceAccount> serviceAccountClient;
    private final String caPem;
    private final LegacyTokenSigner signer;

    TokenSecretReconciler(Indexer<Secret> secrets, Indexer<ServiceAccount> serviceAccounts,
                          ResourceClient<Secret> secretClient, ResourceClient<ServiceAccount> serviceAccountClient,
                          String caPem, LegacyTokenSigner signer) {
        this.secrets = secrets;
        this.serviceAccounts = serviceAccounts;
        this.secretClient = secretClient;
        this.serviceAccountClient = serviceAccountClient;
        this.caPem = caPem;
        this.signer = signer;
    }

    @Override
    public Result reconcile(String key) {
        Secret secret = secrets.get(key);
        if (secret == null || !SECRET_TYPE.equals(secret.getType()) || secret.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        String namespace = secret.getMetadata().getNamespace();
        Map<String, String> annotations = secret.getMetadata().getAnnotations() == null ? Map.of()
                : secret.getMetadata().getAnnotations();
        String accountName = annotations.getOrDefault(NAME_ANNOTATION, "");
        String wantedUid = annotations.getOrDefault(UID_ANNOTATION, "");
        ServiceAccount account = accountName.isEmpty() ? null : serviceAccount(namespace, accountName);
        if (account == null || (!wantedUid.isEmpty() && !wantedUid.equals(account.getMetadata().getUid()))) {
            delete(secret);
            return Result.done();
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        String namespaceData = base64(namespace);
        String caData = base64(caPem);
        if (!data.getOrDefault("token", "").isEmpty() && caData.equals(data.get("ca.crt"))
                && namespaceData.equals(data.get("namespace")) && !wantedUid.isEmpty()) {
            return Result.done();
        }
        String uid = account.getMetadata().getUid();
        Map<String, String> filled = new HashMap<>(data);
        filled.put("token", base64(signer.sign(namespace, accountName, uid, secret.getMetadata().getName())));
        filled.put("ca.crt", caData);
        filled.put("namespace", namespaceData);
        Map<String, String> newAnnotations = new HashMap<>(annotations);
        newAnnotations.put(UID_ANNOTATION, uid);
        // Copy, then change: the cached object is shared. The resourceVersion makes the write conditional.
        secretClient.update(new SecretBuilder(secret).withData(filled).editMetadata()
                .withAnnotations(newAnnotations).endMetadata().build());
        return Result.done();
    }

    /** From the cache, or from the server on a miss: a Secret may be observed before its new ServiceAccount. */
    private ServiceAccount serviceAccount(String namespace, String name) {
        ServiceAccount cached = serviceAccounts.get(namespace, name);
        if (cached != null) {
            return cached;
        }
        try {
            return serviceAccountClient.get(namespace, name);
        } catch (ApiStatusException e) {
            if (e.isNotFound()) {
                return null;
            }
            throw e;
        }
    }

    private void delete(Secret secret) {
        try {
            secretClient.delete(secret.getMetadata().getNamespace(), secret.getMetadata().getName(),
                    new DeleteOptionsBuilder().withNewPreconditions().withUid(secret.getMetadata().getUid())
                            .endPreconditions().build());
        } catch (ApiStatusException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                throw e;
            }
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
