package dev.j8s.agent.cri;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What of the host j8s's containerd changes, as it was before it started: whether the pod bridge
 * existed, whether IPv4 forwarding was on (the CNI bridge plugin turns it on for its gateway), and which
 * host-wide directories runc and the shims create were there (the {@code k8s.io} cgroups that hold pods
 * without a cgroup parent, {@code /run/containerd} with the shims' sockets). Cleaning up puts back what
 * this instance changed and leaves alone what was there before.
 */
record HostState(boolean bridgeExists, String ipForward, List<Path> absentDirs) {
  private static final Logger log = LoggerFactory.getLogger(HostState.class);
  private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  /** containerd's CRI puts pods without a cgroup parent under /k8s.io in every hierarchy. */
  private static final String CRI_CGROUP = "k8s.io";
  /** Shims of every containerd 1.6 put their sockets in /run/containerd/s, whatever its state dir. */
  private static final Path SHIM_RUN_DIR = Path.of("/run/containerd");

  static HostState read(String bridge) {
    String forward;
    try {
      forward = Files.readString(IP_FORWARD).strip();
    } catch (IOException e) {
      forward = "";
    }
    List<Path> absent = new ArrayList<>();
    for (Path dir : hostDirs()) {
      if (!Files.exists(dir)) {
        absent.add(dir);
      }
    }
    return new HostState(Files.exists(Path.of("/sys/class/net", bridge)), forward, List.copyOf(absent));
  }

  /**
   * The host state recorded in {@code file} by an instance that was killed before it could clean up (the
   * state before that one started is what cleaning up must restore), else the host as it is now,
   * recorded there.
   */
  static HostState loadOrRead(Path file, String bridge) {
    if (Files.exists(file)) {
      try {
        List<String> lines = Files.readAllLines(file);
        return new HostState(Boolean.parseBoolean(lines.get(0)), lines.get(1),
            lines.stream().skip(2).filter(l -> !l.isBlank()).map(Path::of).toList());
      } catch (IOException | IndexOutOfBoundsException e) {
        log.warn("cannot read {}: {}; taking the host as it is", file, e.toString());
      }
    }
    HostState now = read(bridge);
    List<String> lines = new ArrayList<>(List.of(Boolean.toString(now.bridgeExists()), now.ipForward()));
    now.absentDirs().forEach(d -> lines.add(d.toString()));
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, lines);
    } catch (IOException e) {
      log.warn("cannot record the host state in {}: {}", file, e.getMessage());
    }
    return now;
  }

  void restoreIpForwarding() {
    try {
      if (!ipForward.isEmpty() && !Files.readString(IP_FORWARD).strip().equals(ipForward)) {
        Files.writeString(IP_FORWARD, ipForward);
      }
    } catch (IOException e) {
      log.warn("cannot restore {} to {}: {}", IP_FORWARD, ipForward, e.getMessage());
    }
  }

  /** Removes the host directories that appeared since, if they are empty (nothing else uses them). */
  void removeCreatedDirs() {
    for (Path dir : absentDirs) {
      removeEmptyTree(dir);
    }
  }

  /** The cgroup v1 hierarchies' and the unified hierarchy's k8s.io, and the shims' run directory. */
  private static List<Path> hostDirs() {
    List<Path> dirs = new ArrayList<>();
    dirs.add(CGROUPS.resolve(CRI_CGROUP));
    try (DirectoryStream<Path> hierarchies = Files.newDirectoryStream(CGROUPS, Files::isDirectory)) {
      for (Path hierarchy : hierarchies) {
        if (Files.exists(hierarchy.resolve("cgroup.procs"))) {
          dirs.add(hierarchy.resolve(CRI_CGROUP));
        }
      }
    } catch (IOException e) {
      log.debug("cannot list cgroup hierarchies: {}", e.getMessage());
    }
    dirs.add(SHIM_RUN_DIR);
    return dirs;
  }

  /** Deletes {@code dir} bottom-up, stopping at anything in use; cgroup dirs go with rmdir alone. */
  private static void removeEmptyTree(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path child : children) {
        removeEmptyTree(child);
      }
    } catch (IOException e) {
      return;
    }
    try {
      Files.delete(dir);
    } catch (IOException e) {
      log.debug("leaving {}: {}", dir, e.getMessage());
    }
  }
}
