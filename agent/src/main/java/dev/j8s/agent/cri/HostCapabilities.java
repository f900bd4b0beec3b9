package dev.j8s.agent.cri;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Linux capabilities this process holds, read from /proc/self/status (CapEff). */
final class HostCapabilities {
  /** Lets a process lower OOM score adjustments, which runc does for the kubelet's -998 sandboxes. */
  static final int CAP_SYS_RESOURCE = 24;

  private HostCapabilities() {}

  static boolean effective(int capability) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          return new BigInteger(line.substring("CapEff:".length()).strip(), 16).testBit(capability);
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }
}
