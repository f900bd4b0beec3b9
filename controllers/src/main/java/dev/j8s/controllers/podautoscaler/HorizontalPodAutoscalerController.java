package dev.j8s.controllers.podautoscaler;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedIndexInformer;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.InformerIndexes;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * The HorizontalPodAutoscaler controller (autoscaling/v2, Resource metrics from metrics.k8s.io): each
 * HPA is synced when it changes and once per sync period, as kube-controller-manager's
 * --horizontal-pod-autoscaler-sync-period drives it.
 */
public final class HorizontalPodAutoscalerController implements AutoCloseable {

    public static final String NAME = "horizontal-pod-autoscaler";

    /** @param syncPeriod how often every HPA is evaluated (Kubernetes' default: 15 s) */
    public record Settings(Duration syncPeriod) {
        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(15));

        public Settings {
            if (syncPeriod.isNegative() || syncPeriod.isZero()) {
                throw new IllegalArgumentException("the HPA sync period must be positive");
            }
        }
    }

    private final ControllerRunner runner;

    public HorizontalPodAutoscalerController(KubeClient client, SharedInformerFactory informers,
                                             EventRecorder recorder, Clock clock, int workers, Settings settings) {
        SharedIndexInformer<HorizontalPodAutoscaler> hpas = informers.informerFor(HorizontalPodAutoscaler.class);
        SharedIndexInformer<Pod> pods = informers.informerFor(Pod.class);
        InformerIndexes.ensure(pods, Indexes.NAMESPACE, Indexes.byNamespace());
        ReplicaCalculator calculator = new ReplicaCalculator(clock);
        HorizontalPodAutoscalerReconciler reconciler = new HorizontalPodAutoscalerReconciler(hpas.indexer(),
                pods.indexer(), client.resources(HorizontalPodAutoscaler.class), new ScaleTargets(client.transport()),
                new ResourceMetricEvaluator(client.resources(PodMetrics.class), calculator),
                new ReplicaNormalizer(clock), recorder, clock, settings.syncPeriod());
        this.runner = new ControllerRunner(NAME, reconciler, workers);
        hpas.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(HorizontalPodAutoscaler hpa) {
                runner.enqueue(ObjectKeys.key(hpa));
            }

            @Override
            public void onUpdate(HorizontalPodAutoscaler oldHpa, HorizontalPodAutoscaler newHpa) {
                // Status writes are the controller's own; only spec changes call for an early sync.
                if (!java.util.Objects.equals(oldHpa.getSpec(), newHpa.getSpec())) {
                    runner.enqueue(ObjectKeys.key(newHpa));
                }
            }

            @Override
            public void onDelete(HorizontalPodAutoscaler hpa) {
                runner.enqueue(ObjectKeys.key(hpa));
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
