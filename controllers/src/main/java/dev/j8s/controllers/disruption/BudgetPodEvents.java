package dev.j8s.controllers.disruption;

import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.Indexer;
import dev.j8s.client.informer.Indexes;
import dev.j8s.client.informer.ObjectKeys;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.controllers.framework.ControllerRunner;
import dev.j8s.controllers.framework.Selectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pod events as budget keys (disruption.go addPod, updatePod, deletePod): a pod wakes the budgets
 * of its namespace whose selector matches its labels, and on a label change also those that
 * matched before. Kubernetes wakes only the first budget it finds and warns when there are several;
 * j8s warns the same way but wakes them all, since each one's count changes.
 */
final class BudgetPodEvents implements ResourceEventHandler<Pod> {

    private final Indexer<PodDisruptionBudget> budgets;
    private final ControllerRunner runner;
    private final EventRecorder recorder;

    BudgetPodEvents(Indexer<PodDisruptionBudget> budgets, ControllerRunner runner, EventRecorder recorder) {
        this.budgets = budgets;
        this.runner = runner;
        this.recorder = recorder;
    }

    @Override
    public void onAdd(Pod pod) {
        List<PodDisruptionBudget> matching = budgetsOf(pod);
        if (matching.size() > 1) {
            recorder.event(pod, EventRecorder.WARNING, "MultiplePodDisruptionBudgets", "Pod \""
                    + pod.getMetadata().getNamespace() + "\"/\"" + pod.getMetadata().getName()
                    + "\" matches multiple PodDisruptionBudgets.  Chose \"" + matching.get(0).getMetadata().getName()
                    + "\" arbitrarily.");
        }
        enqueue(matching);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        if (Objects.equals(oldPod.getMetadata().getResourceVersion(), newPod.getMetadata().getResourceVersion())) {
            return;
        }
        enqueue(budgetsOf(newPod));
        if (!Objects.equals(labels(oldPod), labels(newPod))) {
            enqueue(budgetsOf(oldPod));
        }
    }

    @Override
    public void onDelete(Pod pod) {
        enqueue(budgetsOf(pod));
    }

    /** Budgets whose selector matches the pod; a pod without labels belongs to none (GetPodPodDisruptionBudgets). */
    private List<PodDisruptionBudget> budgetsOf(Pod pod) {
        Map<String, String> labels = labels(pod);
        if (labels.isEmpty()) {
            return List.of();
        }
        return budgets.byIndex(Indexes.NAMESPACE, pod.getMetadata().getNamespace()).stream()
                .filter(pdb -> Selectors.of(pdb.getSpec().getSelector()).matches(labels))
                .toList();
    }

    private void enqueue(List<PodDisruptionBudget> matching) {
        matching.forEach(pdb -> runner.enqueue(ObjectKeys.key(pdb)));
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
