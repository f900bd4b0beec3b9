package dev.j8s.agent.cri;

import java.nio.charset.StandardCharsets;

/** What an ExecSync run in a container gave back: its exit code and everything it wrote. */
public record ExecResult(int exitCode, byte[] stdout, byte[] stderr) {
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
