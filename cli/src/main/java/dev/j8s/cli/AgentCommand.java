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

    @Option(names = "--node-ip", paramLabel = "IP",
            description = "Address the node reports (default: the host's first non-loopback IPv4 address).")
    String nodeIp;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
        String name = nodeName == null ? LocalNode.defaultNodeName() : nodeName;
        LocalNode node = LocalNode.start(client, name, dataDir.toAbsolutePath(), runtimeOptions, nodeIp);
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
}
