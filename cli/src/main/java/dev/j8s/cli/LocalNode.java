package dev.j8s.cli;

import dev.j8s.agent.cri.CriClient;
import dev.j8s.agent.dns.ClusterDnsSettings;
import dev.j8s.agent.cri.CriRuntime;
import dev.j8s.agent.cri.ManagedContainerd;
import dev.j8s.agent.kubelet.HostInfo;
import dev.j8s.agent.kubelet.Kubelet;
import dev.j8s.agent.kubelet.KubeletConfig;
import dev.j8s.agent.process.ProcessRuntime;
import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.server.AgentServer;
import dev.j8s.agent.server.AgentTls;
import dev.j8s.client.KubeClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * A node agent with its runtime, as {@code j8s agent} and {@code j8s server} (local node) run it; with the
 * cri runtime and no endpoint given, also the containerd it runs the pods with.
 */
final class LocalNode implements AutoCloseable {

    private final NodeRuntime runtime;
    private final Kubelet kubelet;
    private final KubeClient client;
    private AgentServer agentApi;
    private NodeServices services;

    private LocalNode(NodeRuntime runtime, Kubelet kubelet, KubeClient client) {
        this.runtime = runtime;
        this.kubelet = kubelet;
        this.client = client;
    }

    /** Starts a node on {@code client} with the runtime the options select. */
    static LocalNode start(KubeClient client, String nodeName, Path dataDir, NodeRuntimeOptions options, String nodeIp,
                           ClusterDnsSettings dns) throws InterruptedException {
        String ip = nodeIp == null || nodeIp.isBlank() ? HostInfo.defaultAddress() : nodeIp;
        NodeRuntime runtime = NodeRuntime.start(options, dataDir, ip);
        try {
            KubeletConfig config = KubeletConfig.defaults(nodeName, dataDir, ip)
                    .withShutdownDrainDelay(options.shutdownDrainDelay).withDns(dns)
                    .withImageGc(options.imageGc.policy());
            if (runtime.containerd() != null) {
                // j8s's own containerd: pods wait briefly for the node's spec.podCIDR, then use the default range.
                config = config.withDefaultPodCidr(runtime.containerd().options().podSubnet(), config.podCidrWait());
            }
            Kubelet kubelet = new Kubelet(client, runtime.runtime(), config,
                    Clock.systemUTC());
            kubelet.start();
            return new LocalNode(runtime, kubelet, client);
        } catch (RuntimeException | InterruptedException e) {
            runtime.close();
            throw e;
        }
    }

    /** The runtime's name as nodes report it, e.g. containerd://1.6.20 or process://v1.32.0. */
    String runtimeVersion() {
        return runtime.runtime().version();
    }

    /**
     * Starts the agent API (logs, exec, attach, port-forward for the API server) on {@code port} (0: any free
     * port) and publishes the port in the Node's status.
     *
     * @param caPem the cluster CA: it signs the API server's client certificate, which the agent requires
     */
    LocalNode serveApi(String bindAddress, int port, String certPem, String keyPem, String caPem)
            throws InterruptedException {
        agentApi = new AgentServer(new AgentServer.Config(bindAddress, port,
                AgentTls.serverContext(certPem, keyPem, caPem), null, null), kubelet.podStreams()).start();
        kubelet.advertiseAgentPort(agentApi.port());
        return this;
    }

    /** Starts the node's service proxy and service LB (NodePorts, ClusterIPs, LoadBalancer ports). */
    LocalNode serveServices(String nodeName, ServiceProxyOptions options) {
        services = NodeServices.start(client, nodeName, kubelet.nodeIp(), options);
        return this;
    }

    String nodeIp() {
        return kubelet.nodeIp();
    }

    /** The host's name in lower case, as the kubelet's default --hostname-override. */
    static String defaultNodeName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public void close() {
        // Process containers keep running (a restarted agent re-adopts them); j8s's own containerd is
        // stopped with its pods, an external one is left alone.
        if (services != null) {
            services.close();
        }
        if (agentApi != null) {
            agentApi.close();
        }
        kubelet.close();
        runtime.close();
    }

    /** A started runtime and the containerd j8s runs for it, if any. */
    record NodeRuntime(ContainerRuntime runtime, ManagedContainerd containerd) implements AutoCloseable {

        static NodeRuntime start(NodeRuntimeOptions options, Path dataDir, String ip) {
            String chosen = switch (options.runtime) {
                case "auto" -> {
                    String why = RuntimeChoice.whyNotCri();
                    if (why != null) {
                        System.out.println("j8s: using the process runtime: " + why);
                        yield "process";
                    }
                    yield "cri";
                }
                case "cri", "containerd" -> "cri";
                case "process" -> "process";
                default -> throw new IllegalArgumentException("unknown runtime " + options.runtime
                        + " (supported: cri, process, auto)");
            };
            if (chosen.equals("process")) {
                return new NodeRuntime(new ProcessRuntime(dataDir.resolve("process"), ip, Clock.systemUTC()), null);
            }
            if (options.endpoint != null) {
                return new NodeRuntime(new CriRuntime(CriClient.connect(options.endpoint), true), null);
            }
            ManagedContainerd containerd = ManagedContainerd.start(RuntimeChoice.containerdOptions(dataDir, options));
            try {
                AirgapImages.importAll(containerd, dataDir.resolve("images"), options.imageArchives);
                RuntimeChoice.warnWithoutSandboxImage(containerd);
                return new NodeRuntime(new CriRuntime(containerd.cri(), false,
                        registry -> RuntimeChoice.allowLoopbackRegistry(containerd, registry)), containerd);
            } catch (RuntimeException e) {
                containerd.close();
                throw e;
            }
        }

        @Override
        public void close() {
            runtime.close();
            if (containerd != null) {
                containerd.close();
            }
        }
    }
}
