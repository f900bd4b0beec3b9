package dev.j8s.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.j8s.api.Json;
import dev.j8s.client.ApiStatusException;
import dev.j8s.client.KubeClient;
import dev.j8s.client.PatchType;
import dev.j8s.client.events.EventRecorder;
import dev.j8s.client.informer.ResourceEventHandler;
import dev.j8s.client.informer.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler connected to the API: node, namespace and pod informers feed its cache and queue; a binding is a
 * {@code pods/binding} create; a pod that does not fit gets Kubernetes' PodScheduled=False condition and a
 * FailedScheduling event, its nomination in {@code status.nominatedNodeName}, and preemption victims are
 * deleted.
 */
public final class ClusterScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterScheduler.class);
    public static final String NAME = "default-scheduler";

    private final Scheduler scheduler;

    public ClusterScheduler(KubeClient client, SharedInformerFactory informers, EventRecorder events, Clock clock) {
        this.scheduler = Scheduler.withDefaultProfile(binder(client), listener(client, events, clock), clock);
        informers.informerFor(Node.class).addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                scheduler.addNode(node);
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                scheduler.updateNode(newNode);
            }

            @Override
            public void onDelete(Node node) {
                scheduler.removeNode(node);
            }
        });
        informers.informerFor(Namespace.class).addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Namespace namespace) {
                scheduler.addNamespace(namespace);
            }

            @Override
            public void onUpdate(Namespace oldNamespace, Namespace newNamespace) {
                scheduler.updateNamespace(newNamespace);
            }

            @Override
            public void onDelete(Namespace namespace) {
                scheduler.removeNamespace(namespace);
            }
        });
        informers.informerFor(Pod.class).addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                scheduler.addPod(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                scheduler.updatePod(oldPod, newPod);
            }

            @Override
            public void onDelete(Pod pod) {
                scheduler.removePod(pod);
            }
        });
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** Starts scheduling; call once the informers have synced so the cache knows the cluster. */
    public void start() {
        scheduler.start();
    }

    @Override
    public void close() {
        scheduler.close();
    }

    private static Binder binder(KubeClient client) {
        return (pod, nodeName) -> {
            try {
                client.bind(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        pod.getMetadata().getUid(), nodeName);
            } catch (ApiStatusException e) {
                throw new Binder.BindException("binding rejected: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new Binder.BindException("binding failed: " + e.getMessage(), e);
            }
        };
    }

    private static SchedulingListener listener(KubeClient client, EventRecorder events, Clock clock) {
        return new SchedulingListener() {
            @Override
            public void scheduled(Pod pod, String nodeName) {
                events.eventf(pod, EventRecorder.NORMAL, "Scheduled", "Successfully assigned %s/%s to %s",
                        pod.getMetadata().getNamespace(), pod.getMetadata().getName(), nodeName);
            }

            @Override
            public void unschedulable(Pod pod, SchedulingFailure failure) {
                events.event(pod, EventRecorder.WARNING, "FailedScheduling", failure.message());
                writeCondition(client, pod, failure, clock);
                for (Pod victim : failure.victims()) {
                    deleteVictim(client, victim, pod);
                    events.eventf(victim, EventRecorder.NORMAL, "Preempted", "Preempted by pod %s",
                            pod.getMetadata().getUid());
                }
            }
        };
    }

    /** PodScheduled=False with the reason and message, and the nomination, as one status patch. */
    private static void writeCondition(KubeClient client, Pod pod, SchedulingFailure failure, Clock clock) {
        ObjectNode patch = Json.object();
        ObjectNode status = patch.putObject("status");
        ObjectNode condition = status.putArray("conditions").addObject();
        condition.put("type", "PodScheduled");
        condition.put("status", "False");
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime", Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        condition.put("reason", failure.reason());
        condition.put("message", failure.message());
        if (failure.nominatedNodeName() != null) {
            status.put("nominatedNodeName", failure.nominatedNodeName().isEmpty() ? null
                    : failure.nominatedNodeName());
        }
        try {
            client.resources(Pod.class).patchStatus(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    PatchType.STRATEGIC_MERGE, Json.string(patch));
        } catch (ApiStatusException e) {
            if (!e.isNotFound()) {
                log.debug("cannot record why pod {}/{} is unschedulable: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private static void deleteVictim(KubeClient client, Pod victim, Pod preemptor) {
        try {
            client.resources(Pod.class).delete(victim.getMetadata().getNamespace(), victim.getMetadata().getName(),
                    new DeleteOptionsBuilder().withNewPreconditions().withUid(victim.getMetadata().getUid())
                            .endPreconditions().build());
        } catch (ApiStatusException e) {
            if (!e.isNotFound() && !e.isConflict()) {
                log.warn("cannot preempt pod {}/{} for {}: {}", victim.getMetadata().getNamespace(),
                        victim.getMetadata().getName(), preemptor.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
