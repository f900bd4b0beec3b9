package dev.j8s.cli;

import dev.j8s.apiserver.http.RequestHandler;
import dev.j8s.client.KubeClient;
import dev.j8s.client.events.ApiEventSink;
import dev.j8s.client.events.EventBroadcaster;
import dev.j8s.client.events.EventSource;
import dev.j8s.client.leaderelection.ApiLeaseLock;
import dev.j8s.client.leaderelection.LeaderCallbacks;
import dev.j8s.client.leaderelection.LeaderElectionConfig;
import dev.j8s.client.leaderelection.LeaderElector;
import dev.j8s.controllers.ControllerManager;
import dev.j8s.controllers.nodeipam.NodeIpamController;
import dev.j8s.controllers.nodelifecycle.NodeLifecycleController;
import dev.j8s.controllers.serviceaccount.ServiceAccountOptions;
import dev.j8s.controllers.podautoscaler.HorizontalPodAutoscalerController;
import dev.j8s.scheduler.ClusterScheduler;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane components that run next to the API server as its in-process clients: the
 * controllers and the scheduler. They run only while this server holds the {@code kube-system/j8s-control-plane}
 * Lease, so two servers sharing a store never both act.
 */
final class ControlPlane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

    private final KubeClient schedulerClient;
    private final KubeClient controllerClient;
    private final KubeClient electionClient;
    private final ControllerManager controllers;
    private final EventBroadcaster events;
    private final ClusterScheduler scheduler;
    private final LeaderElector elector;
    private volatile Thread starter;

    ControlPlane(RequestHandler api, String identity, Clock clock, NodeLifecycleController.Options nodeOptions,
                 ServiceAccountOptions serviceAccountOptions,
                 HorizontalPodAutoscalerController.Settings autoscalerSettings) {
        schedulerClient = new KubeClient(new InProcessTransport(api, "system:kube-scheduler", "j8s-scheduler"));
        controllerClient = new KubeClient(new InProcessTransport(api, "system:kube-controller-manager",
                "j8s-controller-manager"));
        electionClient = new KubeClient(new InProcessTransport(api, "system:j8s-control-plane", "j8s-control-plane"));
        // One set of informers (one cache of pods, nodes, ...) for the controllers and the scheduler.
        controllers = new ControllerManager(controllerClient, clock, ControllerManager.DEFAULT_WORKERS, nodeOptions,
                serviceAccountOptions, autoscalerSettings);
        events = new EventBroadcaster("scheduler", new ApiEventSink(schedulerClient.resources(Event.class)), clock);
        scheduler = new ClusterScheduler(schedulerClient, controllers.informers(),
                events.newRecorder(EventSource.of(ClusterScheduler.NAME)), clock);
        elector = new LeaderElector("control-plane",
                new ApiLeaseLock(electionClient.resources(Lease.class), "kube-system", "j8s-control-plane", identity),
                LeaderElectionConfig.DEFAULTS, new LeaderCallbacks() {
                    @Override
                    public void onStartedLeading() {
                        starter = Thread.ofPlatform().name("j8s-control-plane-start").daemon().start(ControlPlane.this::run);
                    }

                    @Override
                    public void onStoppedLeading() {
                        log.warn("control plane lease lost: stopping the controllers and the scheduler");
                        stopComponents();
                    }
                });
    }

    /** Node pod ranges (--cluster-cidr, --node-cidr-mask-size); call before {@link #start()}. */
    void nodeIpam(NodeIpamController.Settings settings) {
        controllers.nodeIpam(settings);
    }

    void start() {
        elector.start();
    }

    private void run() {
        try {
            controllers.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        scheduler.start();
        log.info("control plane leading: controllers and scheduler started");
    }

    private void stopComponents() {
        Thread t = starter;
        if (t != null) {
            t.interrupt();
        }
        scheduler.close();
        controllers.close();
    }

    @Override
    public void close() {
        elector.close();
        stopComponents();
        events.close();
        schedulerClient.close();
        controllerClient.close();
        electionClient.close();
    }
}
