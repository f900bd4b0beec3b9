package dev.j8s.agent.cri;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How j8s runs its own containerd: everything it writes lives under {@code dataDir} (config, root,
 * state, socket, CNI config and IP leases), as k3s keeps its containerd under its data dir.
 *
 * @param dataDir the directory that holds all of it; its path must stay short, the socket is inside
 * @param sandboxImage the pause image every pod sandbox starts from
 * @param plainHttpRegistries host:port of registries pulled over plain HTTP (local test registries)
 * @param bridge the Linux bridge pods attach to
 * @param podSubnet the pods' IPv4 range when the node has no spec.podCIDR (the kubelet passes whichever it
 *     uses to containerd); the bridge takes its first address, as the pods' gateway
 * @param cniBinDir where the CNI plugins (bridge, host-local, portmap, loopback) are installed
 * @param cgroupDriver how runc places containers in cgroups
 * @param restrictOomScoreAdj clamp the OOM score adjustments the kubelet asks for (-998 for sandboxes) to
 *     containerd's own, for hosts where j8s lacks CAP_SYS_RESOURCE (containers, sandboxed VMs) and runc
 *     would fail to lower them
 * @param startTimeout how long containerd may take to serve CRI after it starts
 * @param stopTimeout how long containerd may take to exit on SIGTERM before it gets SIGKILL
 */
public record ContainerdOptions(
    Path dataDir,
    String sandboxImage,
    List<String> plainHttpRegistries,
    String bridge,
    String podSubnet,
    Path cniBinDir,
    CgroupDriver cgroupDriver,
    boolean restrictOomScoreAdj,
    Duration startTimeout,
    Duration stopTimeout) {

  /** The image name scripts/test-images.sh gives the pause image it builds (j8s.local/pause:3.9). */
  public static final String LOCAL_PAUSE_IMAGE = "j8s.local/pause:3.9";

  /**
   * The Service range pods route to the host (j8s server's default --service-cluster-ip-range); a cluster
   * with another range needs it here too.
   */
  public static final String SERVICE_SUBNET = "10.43.0.0/16";

  public ContainerdOptions {
    plainHttpRegistries = List.copyOf(plainHttpRegistries);
  }

  /** The node defaults: bridge j8s0 with pods on 10.42.0.0/24, Debian's CNI plugins, the host's cgroups. */
  public static ContainerdOptions defaults(Path dataDir) {
    return new ContainerdOptions(dataDir, LOCAL_PAUSE_IMAGE, List.of(), "j8s0", "10.42.0.0/24",
        Path.of("/usr/lib/cni"), CgroupDriver.detect(), !HostCapabilities.effective(HostCapabilities.CAP_SYS_RESOURCE),
        Duration.ofSeconds(30), Duration.ofSeconds(10));
  }

  public ContainerdOptions withSandboxImage(String image) {
    return new ContainerdOptions(dataDir, image, plainHttpRegistries, bridge, podSubnet, cniBinDir,
        cgroupDriver, restrictOomScoreAdj, startTimeout, stopTimeout);
  }

  public ContainerdOptions withPlainHttpRegistries(List<String> registries) {
    return new ContainerdOptions(dataDir, sandboxImage, registries, bridge, podSubnet, cniBinDir,
        cgroupDriver, restrictOomScoreAdj, startTimeout, stopTimeout);
  }

  public ContainerdOptions withNetwork(String bridgeName, String subnet) {
    return new ContainerdOptions(dataDir, sandboxImage, plainHttpRegistries, bridgeName, subnet, cniBinDir,
        cgroupDriver, restrictOomScoreAdj, startTimeout, stopTimeout);
  }

  public Path containerdDir() {
    return dataDir.resolve("containerd");
  }

  public Path socket() {
    return containerdDir().resolve("containerd.sock");
  }

  public Path configFile() {
    return containerdDir().resolve("config.toml");
  }

  public Path rootDir() {
    return containerdDir().resolve("root");
  }

  public Path stateDir() {
    return containerdDir().resolve("state");
  }

  /** hosts.toml directories, one per registry host:port (containerd's registry config_path). */
  public Path registryConfigDir() {
    return containerdDir().resolve("certs.d");
  }

  public Path cniConfDir() {
    return dataDir.resolve("cni").resolve("net.d");
  }

  /** The CNI config template containerd renders the pod network from, once it knows the pod CIDR. */
  public Path cniConfTemplate() {
    return dataDir.resolve("cni").resolve("j8s.conflist.template");
  }

  /** host-local's lease files, kept with the rest instead of in /var/lib/cni. */
  public Path ipamDir() {
    return dataDir.resolve("cni").resolve("ipam");
  }
}
