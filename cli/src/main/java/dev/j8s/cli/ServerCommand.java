package dev.j8s.cli;

import dev.j8s.apiserver.ApiServer;
import dev.j8s.apiserver.pki.ClusterPki;
import dev.j8s.apiserver.pki.IssuedCert;
import dev.j8s.apiserver.pki.Kubeconfig;
import dev.j8s.apiserver.servicenet.ServiceNetwork;
import dev.j8s.client.KubeClient;
import dev.j8s.controllers.nodeipam.NodeIpamController;
import dev.j8s.controllers.nodelifecycle.NodeLifecycleController;
import dev.j8s.controllers.serviceaccount.ServiceAccountOptions;
import dev.j8s.controllers.podautoscaler.HorizontalPodAutoscalerController;
import dev.j8s.net.dns.ClusterDns;
import dev.j8s.net.ingress.IngressController;
import dev.j8s.store.Store;
import dev.j8s.store.sqlite.SqliteStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code j8s server}: the control plane and, unless {@code --no-agent}, a local node running pods
 * in this process, with containerd (cri) when it can run here, else the process runtime.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Runs the j8s control plane on an embedded store until stopped.")
final class ServerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--https-port", defaultValue = "6443", description = "HTTPS port of the API (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--tls-san", description = "Extra DNS name or IP for the serving certificate (repeatable).")
    List<String> tlsSans = new ArrayList<>();

    @Option(names = "--no-agent", description = "Run the control plane only, without a local node.")
    boolean noAgent;

    @Mixin
    NodeRuntimeOptions runtimeOptions = new NodeRuntimeOptions();

    @Mixin
    ServiceNetworkOptions network = new ServiceNetworkOptions();

    @picocli.CommandLine.Mixin
    ServiceProxyOptions proxyOptions = new ServiceProxyOptions();

    @Option(names = "--node-name", paramLabel = "N", description = "Name of the local node (default: the host name).")
    String nodeName;

    @Option(names = "--node-ip", paramLabel = "IP",
            description = "Address the local node reports (default: the host's first non-loopback IPv4 address).")
    String nodeIp;

    @Option(names = "--agent-port", defaultValue = "10250", paramLabel = "P",
            description = "HTTPS port of the local node's agent API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int agentPort;

    @Option(names = "--node-monitor-grace-period", defaultValue = "5", paramLabel = "S",
            description = "Seconds without a Lease renewal before a node is NotReady (default: ${DEFAULT-VALUE}; "
                    + "Kubernetes uses 40 with 10 s renewals, which suits thousands of nodes).")
    int nodeMonitorGraceSeconds;

    @Option(names = "--pod-eviction-timeout", defaultValue = "5", paramLabel = "S",
            description = "Seconds pods without their own toleration stay on an unreachable node (default: "
                    + "${DEFAULT-VALUE}).")
    int podEvictionSeconds;

    @Option(names = "--horizontal-pod-autoscaler-sync-period", defaultValue = "15", paramLabel = "S",
            description = "Seconds between evaluations of every HorizontalPodAutoscaler (default: ${DEFAULT-VALUE}).")
    int autoscalerSyncSeconds;

    @Mixin
    ClusterDnsOptions dnsOptions = new ClusterDnsOptions();

    @Mixin
    IngressOptions ingress = new IngressOptions();

    @Override
    public Integer call() throws Exception {
        runtimeOptions.imageGc.policy(); // invalid flags fail before anything starts
        Path dir = dataDir.resolve();
        Files.createDirectories(dir.resolve("store"));
        Path kubeconfig = DataDir.kubeconfig(dir);
        Files.deleteIfExists(kubeconfig);
        List<String> sans = new ArrayList<>(tlsSans);
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            sans.add(bindAddress);
        }
        ServiceNetwork serviceNetwork = network.serviceNetwork();
        NodeIpamController.Settings nodeIpam = network.nodeIpam();
        ClusterPki pki = ClusterPki.loadOrCreate(dir.resolve("pki"), sans);
        Store store = SqliteStore.open(dir.resolve("store").resolve("state.db"));
        ApiServer server;
        try {
            server = new ApiServer(new ApiServer.Config(bindAddress, httpsPort, pki.serverSslContext(), null, 0,
                    pki.nodeClientSslContext()), store)
                    .serviceAccountKey(pki.serviceAccountKey())
                    .serviceNetwork(serviceNetwork)
                    .start();
        } catch (Exception e) {
            store.close();
            throw new IllegalStateException("cannot serve on " + bindAddress + ":" + httpsPort + ": " + e.getMessage(), e);
        }
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        String url = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        if (nodeMonitorGraceSeconds < 1 || podEvictionSeconds < 0 || autoscalerSyncSeconds < 1) {
            throw new IllegalArgumentException("--node-monitor-grace-period and "
                    + "--horizontal-pod-autoscaler-sync-period must be positive and --pod-eviction-timeout not negative");
        }
        ControlPlane controlPlane = new ControlPlane(server.handler(), "j8s-" + ProcessHandle.current().pid(),
                Clock.systemUTC(), new NodeLifecycleController.Options(Duration.ofSeconds(nodeMonitorGraceSeconds),
                        Duration.ofSeconds(podEvictionSeconds)),
                new ServiceAccountOptions(pki.caPem(), server.tokenSigner()::legacy),
                new HorizontalPodAutoscalerController.Settings(Duration.ofSeconds(autoscalerSyncSeconds)));
        controlPlane.nodeIpam(nodeIpam);
        controlPlane.start();
        String name = nodeName == null ? LocalNode.defaultNodeName() : nodeName;
        // Every server answers DNS (not only the leader): pods on its node ask it.
        ClusterDns dns = dnsOptions.disabled ? null : ClusterDns.start(new KubeClient(new InProcessTransport(
                server.handler(), "system:j8s-cluster-dns", "j8s-cluster-dns")), dnsOptions.config(name));
        LocalNode localNode = null;
        if (!noAgent) {
            localNode = LocalNode.start(new KubeClient(new InProcessTransport(server.handler(), "system:node:" + name,
                    "j8s-agent")), name, dir.resolve("agent"), runtimeOptions, nodeIp, dnsOptions.kubelet.settings());
            IssuedCert serving = pki.issueServingCert("system:node:" + name,
                    List.of(localNode.nodeIp(), name, "localhost"), Duration.ofDays(365));
            localNode.serveApi("0.0.0.0", agentPort, serving.certPem(), serving.keyPem(), pki.caPem());
            proxyOptions.clusterCidr = network.clusterCidr;
            localNode.serveServices(name, proxyOptions);
        }
        LocalNode node = localNode;
        IngressController ingressController = ingress.start(server.handler(),
                nodeIp != null ? nodeIp : localNode != null ? localNode.nodeIp() : null);
        Kubeconfig.write(kubeconfig, url, pki.caPem(), pki.adminCert());
        Files.writeString(DataDir.pidFile(dir), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ingressController != null) {
                ingressController.close();
            }
            if (node != null) {
                node.close();
            }
            if (dns != null) {
                dns.close();
            }
            controlPlane.close();
            server.close();
            store.close();
            stopped.countDown();
        }, "j8s-shutdown"));
        log.info("j8s ready: API {} kubeconfig {}{}{}", url, kubeconfig, noAgent ? " (no local node)" : "",
                dns == null ? "" : " DNS " + dns.address());
        System.out.println("j8s ready: API " + url + ", kubeconfig " + kubeconfig);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
