package dev.j8s.cli;

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

/** A node agent with its runtime, as {@code j8s agent} and {@code j8s server} (local node) run it. */
final class LocalNode implements AutoCloseable {

    private final ContainerRuntime runtime;
    private final Kubelet kubelet;
    private AgentServer agentApi;

    private LocalNode(ContainerRuntime runtime, Kubelet kubelet) {
        this.runtime = runtime;
        this.kubelet = kubelet;
    }

    /** Starts a node on {@code client}; {@code runtimeName} is {@code process} (the only one so far). */
    static LocalNode start(KubeClient client, String nodeName, Path dataDir, String runtimeName, String nodeIp)
            throws InterruptedException {
        String ip = nodeIp == null || nodeIp.isBlank() ? HostInfo.defaultAddress() : nodeIp;
        ContainerRuntime runtime = switch (runtimeName) {
            case "process" -> new ProcessRuntime(dataDir.resolve("process"), ip, Clock.systemUTC());
            default -> throw new IllegalArgumentException("unknown runtime " + runtimeName + " (supported: process)");
        };
        Kubelet kubelet = new Kubelet(client, runtime, KubeletConfig.defaults(nodeName, dataDir, ip), Clock.systemUTC());
        kubelet.start();
        return new LocalNode(runtime, kubelet);
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
        // Processes keep running: a restarted agent re-adopts them, as containers outlive a kubelet restart.
        if (agentApi != null) {
            agentApi.close();
        }
        kubelet.close();
        runtime.close();
    }
}
