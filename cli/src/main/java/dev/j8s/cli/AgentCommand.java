package dev.j8s.cli;

import dev.j8s.client.KubeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code j8s agent}: a node of a cluster, running the pods bound to it. With {@code --runtime cri} the
 * containers run in containerd (j8s's own, or the one at {@code --container-runtime-endpoint}); with
 * {@code --runtime process} they are host processes (image ignored; command required).
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Runs a node agent (kubelet) against a cluster until stopped.")
final class AgentCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "Kubeconfig of the cluster to join.")
    Path kubeconfig;

    @Option(names = "--node-name", paramLabel = "N", description = "Name of the node (default: the host name).")
    String nodeName;

    @Option(names = "--data-dir", required = true, paramLabel = "D",
            description = "Agent state: pod volumes and logs, runtime state.")
    Path dataDir;

    @picocli.CommandLine.Mixin
    NodeRuntimeOptions runtimeOptions = new NodeRuntimeOptions();

    @picocli.CommandLine.Mixin
    KubeletDnsOptions dnsOptions = new KubeletDnsOptions();

    @picocli.CommandLine.Mixin
    ServiceProxyOptions proxyOptions = new ServiceProxyOptions();

    @Option(names = "--node-ip", paramLabel = "IP",
            description = "Address the node reports (default: the host's first non-loopback IPv4 address).")
    String nodeIp;

    @Option(names = "--agent-port", defaultValue = "10250", paramLabel = "P",
            description = "HTTPS port of the agent API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int agentPort;

    @Option(names = "--agent-bind-address", defaultValue = "0.0.0.0", paramLabel = "IP",
            description = "Address the agent API listens on (default: ${DEFAULT-VALUE}).")
    String agentBindAddress;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "Serving certificate (PEM) of the agent API, issued by the cluster CA for the node's IP "
                    + "and name. Without it the agent API (logs, exec, port-forward) is not served.")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "Private key (PKCS#8 PEM) of --tls-cert-file.")
    Path tlsKeyFile;

    @Option(names = "--client-ca-file", paramLabel = "FILE",
            description = "CA that signs the API server's client certificate (default: the kubeconfig's CA).")
    Path clientCaFile;

    @Override
    public Integer call() throws Exception {
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new IllegalArgumentException("--tls-cert-file and --tls-private-key-file go together");
        }
        runtimeOptions.imageGc.policy(); // invalid flags fail before anything starts
        Files.createDirectories(dataDir);
        KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
        String name = nodeName == null ? LocalNode.defaultNodeName() : nodeName;
        LocalNode node = LocalNode.start(client, name, dataDir.toAbsolutePath(), runtimeOptions, nodeIp,
                dnsOptions.settings());
        node.serveServices(name, proxyOptions);
        if (tlsCertFile != null) {
            node.serveApi(agentBindAddress, agentPort, Files.readString(tlsCertFile), Files.readString(tlsKeyFile),
                    clientCaFile != null ? Files.readString(clientCaFile) : kubeconfigCa(kubeconfig));
        } else {
            System.err.println("j8s agent: no --tls-cert-file: the agent API is not served (kubectl logs, exec and "
                    + "port-forward cannot reach this node's pods)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            client.close();
            stopped.countDown();
        }, "j8s-agent-shutdown"));
        System.out.println("j8s agent: node " + name + " running (" + node.runtimeVersion() + ", data " + dataDir + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The certificate-authority-data of the kubeconfig's current cluster, as PEM. */
    static String kubeconfigCa(Path kubeconfig) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode config = dev.j8s.api.Json.YAML.readTree(kubeconfig.toFile());
        String context = config.path("current-context").asText();
        String cluster = "";
        for (com.fasterxml.jackson.databind.JsonNode c : config.path("contexts")) {
            if (c.path("name").asText().equals(context)) {
                cluster = c.path("context").path("cluster").asText();
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode c : config.path("clusters")) {
            if (c.path("name").asText().equals(cluster) && c.path("cluster").has("certificate-authority-data")) {
                return new String(java.util.Base64.getDecoder().decode(
                        c.path("cluster").path("certificate-authority-data").asText()),
                        java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        throw new IllegalArgumentException("no certificate-authority-data in " + kubeconfig
                + ": pass --client-ca-file");
    }
}
