package dev.j8s.agent.cri;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerdConfigTest {
  private final ContainerdOptions options = ContainerdOptions.defaults(Path.of("/var/lib/j8s/agent"))
      .withSandboxImage("j8s.local/pause:3.9");

  @Test
  void keepsEveryPathOfContainerdUnderTheDataDir() {
    String toml = ContainerdConfig.configToml(options);

    assertThat(toml)
        .contains("root = \"/var/lib/j8s/agent/containerd/root\"")
        .contains("state = \"/var/lib/j8s/agent/containerd/state\"")
        .contains("address = \"/var/lib/j8s/agent/containerd/containerd.sock\"")
        .contains("Root = \"/var/lib/j8s/agent/containerd/state/runc\"")
        .contains("conf_dir = \"/var/lib/j8s/agent/cni/net.d\"")
        .contains("conf_template = \"/var/lib/j8s/agent/cni/j8s.conflist.template\"")
        .contains("config_path = \"/var/lib/j8s/agent/containerd/certs.d\"")
        .contains("netns_mounts_under_state_dir = true")
        .contains("sandbox_image = \"j8s.local/pause:3.9\"")
        .contains("bin_dir = \"/usr/lib/cni\"");
  }

  @Test
  void matchesTheCgroupDriverAndOomRestriction() {
    ContainerdOptions systemd = new ContainerdOptions(options.dataDir(), options.sandboxImage(), List.of(),
        "j8s0", "10.42.0.0/24", options.cniBinDir(), CgroupDriver.SYSTEMD, true, options.startTimeout(),
        options.stopTimeout());
    ContainerdOptions cgroupfs = new ContainerdOptions(options.dataDir(), options.sandboxImage(), List.of(),
        "j8s0", "10.42.0.0/24", options.cniBinDir(), CgroupDriver.CGROUPFS, false, options.startTimeout(),
        options.stopTimeout());

    assertThat(ContainerdConfig.configToml(systemd))
        .contains("SystemdCgroup = true").contains("restrict_oom_score_adj = true");
    assertThat(ContainerdConfig.configToml(cgroupfs))
        .contains("SystemdCgroup = false").contains("restrict_oom_score_adj = false");
  }

  @Test
  void podNetworkIsOneBridgeWithoutMasqueradeOrDefaultRouteButARouteToServices() {
    String conflist = ContainerdConfig.cniConfTemplate(options.withNetwork("j8s0", "10.42.0.0/24"));

    assertThat(conflist)
        .contains("\"bridge\": \"j8s0\"")
        .contains("\"isGateway\": true")
        .contains("\"ipMasq\": false")
        .contains("\"hairpinMode\": true")
        // containerd fills the node's pod CIDR(s) in (UpdateRuntimeConfig), not a fixed subnet.
        .contains("[{\"subnet\": \"{{$range}}\"}]")
        .doesNotContain("10.42.0.0/24")
        .contains("{\"type\": \"portmap\", \"capabilities\": {\"portMappings\": true}")
        .contains("\"dataDir\": \"/var/lib/j8s/agent/cni/ipam\"")
        .contains("{\"type\": \"loopback\"}")
        // Only the Service range is routed to the host (its proxy DNATs it); no default route.
        .contains("\"routes\": [{\"dst\": \"10.43.0.0/16\"}]")
        .doesNotContain("0.0.0.0/0")
        .doesNotContain("isDefaultGateway");
  }

  @Test
  void plainHttpRegistryIsReachedOverHttp() {
    assertThat(ContainerdConfig.plainHttpHostsToml("127.0.0.1:5000"))
        .startsWith("server = \"http://127.0.0.1:5000\"")
        .contains("[host.\"http://127.0.0.1:5000\"]")
        .contains("capabilities = [\"pull\", \"resolve\"]");
  }

  @Test
  void escapesQuotesAndBackslashesInPaths() {
    String toml = ContainerdConfig.configToml(ContainerdOptions.defaults(Path.of("/data/a\"b\\c")));

    assertThat(toml).contains("root = \"/data/a\\\"b\\\\c/containerd/root\"");
  }
}
