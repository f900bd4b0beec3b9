package dev.j8s.controllers;

import dev.j8s.client.KubeClient;
import dev.j8s.client.events.ApiEventSink;
import dev.j8s.client.events.EventBroadcaster;
import dev.j8s.client.events.EventSource;
import dev.j8s.client.informer.SharedInformerFactory;
import dev.j8s.client.time.ThreadScheduler;
import dev.j8s.controllers.cronjob.CronJobController;
import dev.j8s.controllers.daemonset.DaemonSetController;
import dev.j8s.controllers.deployment.DeploymentController;
import dev.j8s.controllers.disruption.DisruptionController;
import dev.j8s.controllers.endpoints.EndpointsController;
import dev.j8s.controllers.endpointslice.EndpointSliceController;
import dev.j8s.controllers.job.JobController;
import dev.j8s.controllers.nodeipam.NodeIpamController;
import dev.j8s.controllers.nodelifecycle.NodeLifecycleController;
import dev.j8s.controllers.podautoscaler.HorizontalPodAutoscalerController;
import dev.j8s.controllers.replicaset.ReplicaSetController;
import dev.j8s.controllers.serviceaccount.RootCaPublisher;
import dev.j8s.controllers.serviceaccount.ServiceAccountOptions;
import dev.j8s.controllers.serviceaccount.ServiceAccountsController;
import dev.j8s.controllers.serviceaccount.TokensController;
import dev.j8s.controllers.statefulset.StatefulSetController;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-controller-manager of j8s: one shared informer factory for every controller, the
 * controllers themselves, and one event broadcaster. {@link #start()} registers every handler
 * before the informers start (so none misses the initial list), waits for the caches, then
 * starts the workers; {@link #close()} stops them all.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

    /** Workers per controller, as kube-controller-manager's --concurrent-*-syncs defaults (5). */
    public static final int DEFAULT_WORKERS = 5;

    private final SharedInformerFactory informers;
    private final EventBroadcaster events;
    private final ReplicaSetController replicaSets;
    private final DeploymentController deployments;
    /** Timer of the batch controllers (requeues at deadlines and cron firings). */
    private final ThreadScheduler batchTimer;
    private final JobController jobs;
    private final CronJobController cronJobs;
    /** Timer of the node lifecycle controller (Lease grace periods, eviction times). */
    private final ThreadScheduler nodeTimer;
    private final NodeLifecycleController nodeLifecycle;
    private final DaemonSetController daemonSets;
    private final StatefulSetController statefulSets;
    private final DisruptionController disruption;
    private final ServiceAccountsController serviceAccounts;
    /** Null unless the control plane passed the cluster CA and a token signer. */
    private final RootCaPublisher rootCa;
    private final TokensController tokens;
    private final HorizontalPodAutoscalerController autoscalers;
    private final EndpointSliceController endpointSlices;
    private final EndpointsController endpoints;
    private final KubeClient client;
    private NodeIpamController.Settings nodeIpamSettings = NodeIpamController.Settings.DEFAULTS;
    /** Built in {@link #start()}, once its settings are final. */
    private NodeIpamController nodeIpam;

    public ControllerManager(KubeClient client) {
        this(client, Clock.systemUTC(), DEFAULT_WORKERS);
    }

    public ControllerManager(KubeClient client, Clock clock, int workers) {
        this(client, clock, workers, NodeLifecycleController.Options.DEFAULTS);
    }

    public ControllerManager(KubeClient client, Clock clock, int workers, NodeLifecycleController.Options nodeOptions) {
        this(client, clock, workers, nodeOptions, ServiceAccountOptions.NONE);
    }

    public ControllerManager(KubeClient client, Clock clock, int workers, NodeLifecycleController.Options nodeOptions,
                             ServiceAccountOptions serviceAccountOptions) {
        this(client, clock, workers, nodeOptions, serviceAccountOptions, HorizontalPodAutoscalerController.Settings.DEFAULTS);
    }

    public ControllerManager(KubeClient client, Clock clock, int workers, NodeLifecycleController.Options nodeOptions,
                             HorizontalPodAutoscalerController.Settings autoscalerSettings) {
        this(client, clock, workers, nodeOptions, ServiceAccountOptions.NONE, autoscalerSettings);
    }

    public ControllerManager(KubeClient client, Clock clock, int workers, NodeLifecycleController.Options nodeOptions,
                             ServiceAccountOptions serviceAccountOptions,
                             HorizontalPodAutoscalerController.Settings autoscalerSettings) {
        this.client = client;
        this.informers = new SharedInformerFactory(client);
        this.events = new EventBroadcaster("controller-manager", new ApiEventSink(client.resources(io.fabric8.kubernetes.api.model.Event.class)), clock);
        this.replicaSets = new ReplicaSetController(client, informers,
                events.newRecorder(EventSource.of(ReplicaSetController.NAME)), clock, workers);
        this.deployments = new DeploymentController(client, informers,
                events.newRecorder(EventSource.of(DeploymentController.NAME)), clock, workers);
        this.batchTimer = new ThreadScheduler("j8s-batch-controllers-timer", clock);
        this.jobs = new JobController(client, informers, events.newRecorder(EventSource.of(JobController.NAME)),
                batchTimer, workers, JobController.Settings.DEFAULTS);
        this.cronJobs = new CronJobController(client, informers,
                events.newRecorder(EventSource.of(CronJobController.NAME)), batchTimer, workers);
        this.nodeTimer = new ThreadScheduler("j8s-node-lifecycle-timer", clock);
        this.nodeLifecycle = new NodeLifecycleController(client, informers,
                events.newRecorder(EventSource.of(NodeLifecycleController.NAME)), nodeTimer, workers, nodeOptions);
        this.daemonSets = new DaemonSetController(client, informers,
                events.newRecorder(EventSource.of(DaemonSetController.NAME)), clock, workers);
        this.statefulSets = new StatefulSetController(client, informers,
                events.newRecorder(EventSource.of(StatefulSetController.NAME)), clock, workers);
        this.disruption = new DisruptionController(client, informers,
                events.newRecorder(EventSource.of(DisruptionController.NAME)), clock, workers);
        this.serviceAccounts = new ServiceAccountsController(client, informers, workers);
        this.rootCa = serviceAccountOptions.caPem() == null ? null
                : new RootCaPublisher(client, informers, serviceAccountOptions.caPem(), workers);
        this.tokens = serviceAccountOptions.complete()
                ? new TokensController(client, informers, serviceAccountOptions, workers) : null;
        this.autoscalers = new HorizontalPodAutoscalerController(client, informers,
                events.newRecorder(EventSource.of(HorizontalPodAutoscalerController.NAME)), clock, workers,
                autoscalerSettings);
        this.endpointSlices = new EndpointSliceController(client, informers, clock, workers);
        this.endpoints = new EndpointsController(client, informers, workers);
    }

    /** The cluster CIDR the node IPAM controller hands node ranges from; call before {@link #start()}. */
    public ControllerManager nodeIpam(NodeIpamController.Settings settings) {
        this.nodeIpamSettings = settings;
        return this;
    }

    /** The informers the controllers share; others may add theirs before {@link #start()}. */
    public SharedInformerFactory informers() {
        return informers;
    }

    public void start() throws InterruptedException {
        nodeIpam = new NodeIpamController(client, informers,
                events.newRecorder(EventSource.of(NodeIpamController.NAME)), nodeIpamSettings);
        informers.start();
        if (!informers.waitForCacheSync(Duration.ofMinutes(1))) {
            log.warn("controller caches did not sync within a minute; starting anyway");
        }
        replicaSets.start();
        deployments.start();
        jobs.start();
        cronJobs.start();
        nodeLifecycle.start();
        daemonSets.start();
        statefulSets.start();
        disruption.start();
        serviceAccounts.start();
        if (rootCa != null) {
            rootCa.start();
        }
        if (tokens != null) {
            tokens.start();
        }
        autoscalers.start();
        endpointSlices.start();
        endpoints.start();
        nodeIpam.start();
    }

    @Override
    public void close() {
        if (nodeIpam != null) {
            nodeIpam.close();
        }
        endpoints.close();
        endpointSlices.close();
        disruption.close();
        if (tokens != null) {
            tokens.close();
        }
        if (rootCa != null) {
            rootCa.close();
        }
        serviceAccounts.close();
        autoscalers.close();
        nodeLifecycle.close();
        nodeTimer.close();
        statefulSets.close();
        daemonSets.close();
        cronJobs.close();
        jobs.close();
        batchTimer.close();
        deployments.close();
        replicaSets.close();
        informers.close();
        events.close();
    }
}
