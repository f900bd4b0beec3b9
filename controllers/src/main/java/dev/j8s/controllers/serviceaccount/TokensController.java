package dev.j8s.controllers.serviceaccount;

import dev.j8s.client.KubeClient;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;

/**
 * Kubernetes' legacy TokensController: fills Secrets of type kubernetes.io/service-account-token with a token of
 * their ServiceAccount, and deletes them once that ServiceAccount is gone. Work items are Secret keys.
 */
public final class TokensController implements AutoCloseable {

    public static final String NAME = "tokens-controller";
    /** Token Secrets by "namespace/serviceaccount". */
    static final String BY_SERVICE_ACCOUNT = "j8s/token-secret-by-serviceaccount";

    private final ControllerRunner runner;
    private final SharedIndexInformer<Secret> secrets;

    public TokensController(KubeClient client, SharedInformerFactory informers, ServiceAccountOptions options,
                            int workers) {
        this.secrets = informers.informerFor(Secret.class);
        SharedIndexInformer<ServiceAccount> serviceAccounts = informers.informerFor(ServiceAccount.class);
        InformerIndexes.ensure(secrets, BY_SERVICE_ACCOUNT, TokensController::serviceAccountKey);
        this.runner = new ControllerRunner(NAME, new TokenSecretReconciler(secrets.indexer(), serviceAccounts.indexer(),
                client.resources(Secret.class), client.resources(ServiceAccount.class), options.caPem(),
                options.signer()), workers);
        secrets.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                enqueue(secret);
            }

            @Override
            public void onUpdate(Secret oldSecret, Secret newSecret) {
                enqueue(newSecret);
            }
        });
        serviceAccounts.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onUpdate(ServiceAccount oldSa, ServiceAccount newSa) {
                enqueueSecretsOf(newSa);
            }

            @Override
            public void onDelete(ServiceAccount sa) {
                enqueueSecretsOf(sa);
            }
        });
    }

    private void enqueue(Secret secret) {
        if (TokenSecretReconciler.SECRET_TYPE.equals(secret.getType())) {
            runner.enqueue(ObjectKeys.key(secret));
        }
    }

    private void enqueueSecretsOf(ServiceAccount sa) {
        String key = ObjectKeys.key(sa.getMetadata().getNamespace(), sa.getMetadata().getName());
        secrets.indexer().byIndex(BY_SERVICE_ACCOUNT, key).forEach(this::enqueue);
    }

    private static List<String> serviceAccountKey(Secret secret) {
        if (!TokenSecretReconciler.SECRET_TYPE.equals(secret.getType()) || secret.getMetadata().getAnnotations() == null) {
            return List.of();
        }
        String name = secret.getMetadata().getAnnotations().get(TokenSecretReconciler.NAME_ANNOTATION);
        return name == null ? List.of() : List.of(ObjectKeys.key(secret.getMetadata().getNamespace(), name));
    }

    public void start() {
        runner.start();
    }

    @Override
    public void close() {
        runner.close();
    }
}
