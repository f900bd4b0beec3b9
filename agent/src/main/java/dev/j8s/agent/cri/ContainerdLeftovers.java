package dev.j8s.agent.cri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stopped j8s containerd can leave behind, found and removed: its runtime shims (which outlive
 * containerd by design) with their containers, mounts under its data dir (rootfs overlays, sandbox
 * /dev/shm, network namespaces), and the pod bridge. Everything is found by this containerd's own
 * socket and data dir, so nothing of another containerd on the host is touched.
 */
final class ContainerdLeftovers {
  private static final Logger log = LoggerFactory.getLogger(ContainerdLeftovers.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private ContainerdLeftovers() {}

  static void cleanUp(ContainerdOptions options, HostState before) {
    killShims(options);
    unmountUnder(options.dataDir());
    if (!before.bridgeExists() && Files.exists(Path.of("/sys/class/net", options.bridge()))) {
      try {
        ManagedContainerd.run(new ProcessBuilder("ip", "link", "delete", options.bridge()), COMMAND_TIMEOUT);
      } catch (ContainerdException e) {
        log.warn("cannot delete bridge {}: {}", options.bridge(), e.getMessage());
      }
      before.restoreIpForwarding();
    }
    before.removeCreatedDirs();
  }

  /** The runc shims this containerd started: their command line names its socket. */
  static List<ProcessHandle> shims(ContainerdOptions options) {
    String socket = options.socket().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("containerd-shim") && c.contains(socket))
            .orElse(false))
        .toList();
  }

  private static void killShims(ContainerdOptions options) {
    for (ProcessHandle shim : shims(options)) {
      log.warn("killing leftover containerd shim {} and its {} processes", shim.pid(),
          shim.descendants().count());
      shim.descendants().forEach(ProcessHandle::destroyForcibly);
      shim.destroyForcibly();
      shim.onExit().join();
    }
  }

  /** Mount points at or under {@code dir}, deepest first, from /proc/self/mountinfo. */
  static List<String> mountsUnder(Path dir) {
    String prefix = dir.toAbsolutePath().normalize().toString();
    List<String> mounts = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          String mountPoint = unescape(fields[4]);
          if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
            mounts.add(mountPoint);
          }
        }
      }
    } catch (IOException e) {
      log.warn("cannot read mount table: {}", e.getMessage());
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    return mounts;
  }

  private static void unmountUnder(Path dir) {
    for (String mount : mountsUnder(dir)) {
      try {
        // Lazy: a mount still held by a dying process goes away once it is released.
        ManagedContainerd.run(new ProcessBuilder("umount", "--lazy", mount), COMMAND_TIMEOUT);
      } catch (ContainerdException e) {
        log.warn("cannot unmount {}: {}", mount, e.getMessage());
      }
    }
  }

  /** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
  private static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 4 <= field.length()) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
