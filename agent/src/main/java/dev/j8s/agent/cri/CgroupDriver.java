package dev.j8s.agent.cri;

import java.nio.file.Files;
import java.nio.file.Path;

/** How runc places containers in cgroups; it must match the host's manager, as the kubelet's must. */
public enum CgroupDriver {
  SYSTEMD,
  CGROUPFS;

  /**
   * systemd when it runs as init (it owns the cgroup tree then, and the kubelet and containerd must ask
   * it), cgroupfs otherwise — e.g. in containers and VMs without systemd, like this project's CI.
   */
  public static CgroupDriver detect() {
    return Files.isDirectory(Path.of("/run/systemd/system")) ? SYSTEMD : CGROUPFS;
  }
}
