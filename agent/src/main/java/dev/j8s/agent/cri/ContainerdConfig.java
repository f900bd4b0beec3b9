package dev.j8s.agent.cri;

/**
 * The files j8s writes for its own containerd, rendered from {@link ContainerdOptions}: containerd's
 * config.toml (CRI plugin with runc), the CNI network template of the pod bridge, and a hosts.toml per
 * plain-HTTP registry.
 */
final class ContainerdConfig {
  /** The CNI network name; containerd loads the first conflist of its conf dir. */
  static final String NETWORK_NAME = "j8s";
  /** What containerd names the conflist it renders from the template (pkg/cri/server: cniConfigFileName). */
  static final String RENDERED_CONFLIST_FILE = "10-containerd-net.conflist";
  /** The fixed conflist earlier j8s versions wrote; removed so that it cannot shadow the rendered one. */
  static final String LEGACY_CONFLIST_FILE = "10-j8s.conflist";

  private ContainerdConfig() {}

  static String configToml(ContainerdOptions o) {
    String cri = "[plugins.\"io.containerd.grpc.v1.cri\"]";
    String runc = "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]";
    return String.join("\n",
        "# Written by j8s for the containerd it runs; rewritten on every start.",
        "version = 2",
        "root = " + quote(o.rootDir()),
        "state = " + quote(o.stateDir()),
        // Snapshotters that need special filesystems only log errors on a node that has none.
        "disabled_plugins = [\"io.containerd.snapshotter.v1.aufs\", \"io.containerd.snapshotter.v1.btrfs\","
            + " \"io.containerd.snapshotter.v1.zfs\", \"io.containerd.snapshotter.v1.devmapper\"]",
        "",
        "[grpc]",
        "  address = " + quote(o.socket()),
        "",
        "[plugins.\"io.containerd.internal.v1.opt\"]",
        "  path = " + quote(o.containerdDir().resolve("opt")),
        "",
        cri,
        "  sandbox_image = " + quote(o.sandboxImage()),
        // Exec/attach/port-forward streams: loopback only, the agent proxies them.
        "  stream_server_address = \"127.0.0.1\"",
        "  stream_server_port = \"0\"",
        // Pod network namespaces live under our state dir, not in the host's /var/run/netns.
        "  netns_mounts_under_state_dir = true",
        "  restrict_oom_score_adj = " + o.restrictOomScoreAdj(),
        "  enable_selinux = false",
        "  systemd_cgroup = false",
        "",
        "[plugins.\"io.containerd.grpc.v1.cri\".cni]",
        "  bin_dir = " + quote(o.cniBinDir()),
        "  conf_dir = " + quote(o.cniConfDir()),
        "  max_conf_num = 1",
        "  conf_template = " + quote(o.cniConfTemplate()),
        "",
        "[plugins.\"io.containerd.grpc.v1.cri\".containerd]",
        "  default_runtime_name = \"runc\"",
        "  snapshotter = \"overlayfs\"",
        "",
        runc,
        "  runtime_type = \"io.containerd.runc.v2\"",
        "",
        "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]",
        "  BinaryName = \"runc\"",
        // runc's own state beside ours, so a system containerd on the same host never sees our containers.
        "  Root = " + quote(o.stateDir().resolve("runc")),
        "  SystemdCgroup = " + (o.cgroupDriver() == CgroupDriver.SYSTEMD),
        "",
        "[plugins.\"io.containerd.grpc.v1.cri\".registry]",
        "  config_path = " + quote(o.registryConfigDir()),
        "");
  }

  /**
   * The pod network as a CNI config template (containerd's conf_template): containerd renders it into its
   * conf dir when the kubelet passes the node's pod CIDR (CRI UpdateRuntimeConfig), so pods take addresses
   * of the node's spec.podCIDR. Pods on one bridge: host-local hands out addresses of the range and the
   * bridge takes the first, as the pods' gateway, so the host reaches pods directly; hairpin mode lets a pod
   * reach itself through a Service address. portmap publishes hostPorts (the portMappings capability that
   * containerd fills from PodSandboxConfig.port_mappings), also on 127.0.0.1 (its SNAT for localhost).
   * No masquerading and no default route in the pods: traffic stays between the host and its pods. The
   * one route pods get goes to the Service range through the bridge, where the host's service proxy
   * rewrites it to endpoints (cluster DNS at 10.43.0.10 among them).
   */
  static String cniConfTemplate(ContainerdOptions o) {
    return """
        {
          "cniVersion": "0.4.0",
          "name": "%s",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [{{range $i, $range := .PodCIDRRanges}}{{if $i}}, {{end}}[{"subnet": "{{$range}}"}]{{end}}],
                "routes": [{"dst": "%s"}],
                "dataDir": "%s"
              }
            },
            {"type": "portmap", "capabilities": {"portMappings": true}, "snat": true},
            {"type": "loopback"}
          ]
        }
        """.formatted(NETWORK_NAME, o.bridge(), ContainerdOptions.SERVICE_SUBNET, json(o.ipamDir().toString()));
  }

  /** Lets containerd pull from {@code hostPort} over plain HTTP (no TLS), as for a local test registry. */
  static String plainHttpHostsToml(String hostPort) {
    return String.join("\n",
        "server = \"http://" + hostPort + "\"",
        "",
        "[host.\"http://" + hostPort + "\"]",
        "  capabilities = [\"pull\", \"resolve\"]",
        "  skip_verify = true",
        "");
  }

  private static String quote(Object value) {
    return "\"" + json(value.toString()) + "\"";
  }

  /** TOML basic strings and JSON strings escape the same way for the paths and names written here. */
  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
