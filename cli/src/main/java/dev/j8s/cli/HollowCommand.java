package dev.j8s.cli;

import dev.j8s.agent.hollow.HollowCluster;
import dev.j8s.agent.hollow.HollowConfig;
import dev.j8s.client.KubeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code j8s hollow}: simulated nodes for scale tests. They register with the cluster of a
 * kubeconfig, renew their Leases and run the pods bound to them without containers, in the
 * foreground until the process is stopped.
 */
@Command(name = "hollow", mixinStandardHelpOptions = true,
        description = "Runs simulated (hollow) nodes against a cluster until stopped.")
final class HollowCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE",
            description = "Kubeconfig of the cluster to join.")
    Path kubeconfig;

    @Option(names = "--nodes", required = true, paramLabel = "N", description = "How many nodes to simulate.")
    int nodes;

    @Option(names = "--name-prefix", defaultValue = "hollow-", paramLabel = "PREFIX",
            description = "Node names are the prefix and an index (default: ${DEFAULT-VALUE}).")
    String namePrefix;

    @Option(names = "--lease-seconds", defaultValue = "2", paramLabel = "S",
            description = "Seconds between Lease renewals of each node (default: ${DEFAULT-VALUE}; keep it well under "
                    + "the server's --node-monitor-grace-period).")
    int leaseSeconds;

    @Option(names = "--status-qps", defaultValue = "200", paramLabel = "QPS",
            description = "Pod status writes per second across all nodes (default: ${DEFAULT-VALUE}).")
    double statusQps;

    @Option(names = "--metrics-interval", defaultValue = "15", paramLabel = "S",
            description = "Seconds between each node's resource usage reports to metrics.k8s.io; 0 turns them off "
                    + "(default: ${DEFAULT-VALUE}).")
    int metricsSeconds;

    @Override
    public Integer call() throws Exception {
        if (nodes < 1 || leaseSeconds < 1 || statusQps <= 0 || metricsSeconds < 0) {
            System.err.println("j8s: --nodes, --lease-seconds and --status-qps must be positive, "
                    + "--metrics-interval not negative");
            return 2;
        }
        HollowConfig config = HollowConfig.defaults(namePrefix, nodes)
                .withLeaseInterval(Duration.ofSeconds(leaseSeconds))
                .withStatusRate(statusQps, (int) Math.max(1, statusQps * 2))
                .withMetricsInterval(Duration.ofSeconds(metricsSeconds));
        KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
        HollowCluster cluster = new HollowCluster(client, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            client.close();
            stopped.countDown();
        }, "j8s-hollow-shutdown"));
        cluster.start();
        System.out.println("j8s hollow: running " + nodes + " nodes " + namePrefix + "0.." + namePrefix + (nodes - 1));
        stopped.await();
        return 0;
    }
}
