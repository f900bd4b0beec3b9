package dev.j8s.agent.cri;

import dev.j8s.agent.cri.v1.PodSandbox;
import dev.j8s.agent.cri.v1.PodSandboxFilter;
import dev.j8s.agent.cri.v1.VersionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A containerd that j8s runs as its own child process, as k3s does: generated config, root, state and
 * socket under the node's data dir, the CRI plugin with runc and the pod bridge network. {@link #close()}
 * removes the pods it still runs, stops it by PID (SIGTERM, then SIGKILL) and cleans up what it leaves
 * behind: runtime shims, mounts under the data dir, the bridge if this instance created it (and the IPv4
 * forwarding switch the CNI bridge plugin turns on for its gateway, if it was off before).
 */
public final class ManagedContainerd implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ManagedContainerd.class);
  private static final Duration CTR_TIMEOUT = Duration.ofMinutes(2);

  private final ContainerdOptions options;
  private final Process process;
  private final CriClient cri;
  private final HostState hostBefore;
  private final VersionResponse version;

  private ManagedContainerd(ContainerdOptions options, Process process, CriClient cri, HostState hostBefore,
      VersionResponse version) {
    this.options = options;
    this.process = process;
    this.cri = cri;
    this.hostBefore = hostBefore;
    this.version = version;
  }

  /** Writes the configuration, starts containerd and returns once its CRI answers Version. */
  public static ManagedContainerd start(ContainerdOptions options) {
    stopPrevious(options);
    writeConfiguration(options);
    HostState hostBefore = HostState.loadOrRead(hostStateFile(options), options.bridge());
    Process process;
    try {
      process = new ProcessBuilder("containerd", "--config", options.configFile().toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(options).toFile()))
          .start();
    } catch (IOException e) {
      throw new ContainerdException("cannot run containerd (is it installed? scripts/install-node-deps.sh)", e);
    }
    writePidFile(options, process.pid());
    CriClient cri = new CriClient(options.socket(), CriClient.DEFAULT_CALL_TIMEOUT, CriClient.DEFAULT_PULL_TIMEOUT);
    ManagedContainerd containerd;
    try {
      VersionResponse version = awaitServing(options, process, cri);
      containerd = new ManagedContainerd(options, process, cri, hostBefore, version);
    } catch (RuntimeException e) {
      cri.close();
      stopProcess(process, options.stopTimeout());
      throw e;
    }
    log.info("containerd {} serving CRI on {} (pid {})", containerd.version.getRuntimeVersion(),
        options.socket(), process.pid());
    return containerd;
  }

  public CriClient cri() {
    return cri;
  }

  public ContainerdOptions options() {
    return options;
  }

  public Path socket() {
    return options.socket();
  }

  public long pid() {
    return process.pid();
  }

  public VersionResponse version() {
    return version;
  }

  /**
   * Lets containerd pull from {@code hostPort} over plain HTTP; containerd reads the registry config on
   * every pull, so this works while it runs.
   */
  public void allowPlainHttpRegistry(String hostPort) {
    writePlainHttpRegistry(options, hostPort);
  }

  /**
   * Imports the images of an OCI or docker archive into the CRI namespace (what {@code j8s images import}
   * does), with containerd's own {@code ctr}.
   */
  public void importImages(Path archive) {
    importImages(options.socket(), archive);
  }

  /** Imports the images of an archive into the CRI namespace of the containerd serving {@code socket}. */
  public static String importImages(Path socket, Path archive) {
    ProcessBuilder ctr = new ProcessBuilder("ctr", "--address", socket.toString(),
        "--namespace", "k8s.io", "images", "import", archive.toString())
        .redirectErrorStream(true);
    String output = run(ctr, CTR_TIMEOUT);
    log.debug("ctr images import {}: {}", archive, output);
    return output;
  }

  /** Where the PID of the running containerd is kept, for a successor after a crash of its parent. */
  public static Path pidFile(ContainerdOptions options) {
    return options.containerdDir().resolve("containerd.pid");
  }

  /**
   * A j8s killed with SIGKILL leaves its containerd running (and the pods with it): the next start stops
   * that containerd by its recorded PID (checking it still runs containerd with this data dir's config)
   * so that the new one can take the socket; the containers' shims keep running and are found again.
   */
  private static void stopPrevious(ContainerdOptions options) {
    Path file = pidFile(options);
    try {
      if (!Files.exists(file)) {
        return;
      }
      long pid = Long.parseLong(Files.readString(file).strip());
      Optional<ProcessHandle> previous = ProcessHandle.of(pid).filter(p -> p.info().arguments()
          .map(args -> List.of(args).contains(options.configFile().toString())).orElse(false));
      if (previous.isPresent()) {
        log.info("stopping the containerd (pid {}) left running by a previous j8s on {}", pid, options.dataDir());
        ProcessHandle p = previous.get();
        p.destroy();
        try {
          p.onExit().get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          p.destroyForcibly();
          p.onExit().join();
        }
      }
      Files.deleteIfExists(file);
    } catch (IOException | NumberFormatException | ExecutionException e) {
      log.warn("cannot check for a previous containerd under {}: {}", options.dataDir(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerdException("interrupted while stopping a previous containerd", e);
    }
  }

  private static void writePidFile(ContainerdOptions options, long pid) {
    try {
      Files.writeString(pidFile(options), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + pidFile(options), e);
    }
  }

  /** Stops containerd by its PID: SIGTERM, then SIGKILL after the stop timeout. Pods keep running. */
  public void stop() {
    cri.close();
    stopProcess(process, options.stopTimeout());
    try {
      Files.deleteIfExists(pidFile(options));
    } catch (IOException e) {
      log.debug("cannot delete {}", pidFile(options), e);
    }
  }

  /**
   * Removes every pod sandbox still there (stopping their containers), stops containerd and cleans up
   * what it leaves: shims of this containerd and their children, mounts under the data dir, and the pod
   * bridge when this instance created it. Safe to call on failure paths and more than once.
   */
  @Override
  public void close() {
    if (process.isAlive()) {
      removeAllPodSandboxes();
    }
    stop();
    ContainerdLeftovers.cleanUp(options, hostBefore);
    try {
      Files.deleteIfExists(hostStateFile(options));
    } catch (IOException e) {
      log.debug("cannot delete {}", hostStateFile(options), e);
    }
  }

  private static Path hostStateFile(ContainerdOptions options) {
    return options.containerdDir().resolve("host-before.txt");
  }

  private void removeAllPodSandboxes() {
    try {
      List<PodSandbox> sandboxes = cri.listPodSandbox(PodSandboxFilter.getDefaultInstance());
      for (PodSandbox sandbox : sandboxes) {
        try {
          cri.stopPodSandbox(sandbox.getId());
          cri.removePodSandbox(sandbox.getId());
        } catch (CriException e) {
          log.warn("cannot remove pod sandbox {}: {}", sandbox.getId(), e.getMessage());
        }
      }
    } catch (CriException e) {
      log.warn("cannot list pod sandboxes before stopping containerd: {}", e.getMessage());
    }
  }

  static void writeConfiguration(ContainerdOptions options) {
    try {
      for (Path dir : List.of(options.containerdDir(), options.rootDir(), options.stateDir(),
          options.registryConfigDir(), options.cniConfDir(), options.ipamDir())) {
        Files.createDirectories(dir);
      }
      Files.writeString(options.configFile(), ContainerdConfig.configToml(options));
      Files.writeString(options.cniConfTemplate(), ContainerdConfig.cniConfTemplate(options));
      // The pod network is written again from the template once the kubelet passes the node's pod CIDR
      // (containerd renders it only while it has no network config), so a changed CIDR or bridge takes effect.
      Files.deleteIfExists(options.cniConfDir().resolve(ContainerdConfig.RENDERED_CONFLIST_FILE));
      Files.deleteIfExists(options.cniConfDir().resolve(ContainerdConfig.LEGACY_CONFLIST_FILE));
      for (String registry : options.plainHttpRegistries()) {
        writePlainHttpRegistry(options, registry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write containerd configuration under " + options.dataDir(), e);
    }
  }

  private static void writePlainHttpRegistry(ContainerdOptions options, String hostPort) {
    try {
      Path dir = options.registryConfigDir().resolve(hostPort);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("hosts.toml"), ContainerdConfig.plainHttpHostsToml(hostPort));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write registry configuration for " + hostPort, e);
    }
  }

  private static Path logFile(ContainerdOptions options) {
    return options.containerdDir().resolve("containerd.log");
  }

  /** Waits for the socket to serve CRI, failing early (with the log's tail) if containerd exits. */
  private static VersionResponse awaitServing(ContainerdOptions options, Process process, CriClient cri) {
    Instant deadline = Instant.now().plus(options.startTimeout());
    CriException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new ContainerdException("containerd exited with " + process.exitValue() + " while starting:\n"
            + logTail(options));
      }
      try {
        // waitForReady blocks until the socket accepts a connection; a short deadline re-checks the process.
        return cri.versionWhenReady(Duration.ofSeconds(1));
      } catch (CriException e) {
        last = e;
      }
    }
    throw new ContainerdException("containerd did not serve CRI on " + options.socket() + " within "
        + options.startTimeout() + " (" + (last == null ? "" : last.getMessage()) + "):\n" + logTail(options));
  }

  static void stopProcess(Process process, Duration timeout) {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("containerd (pid {}) ignored SIGTERM for {}; killing it", process.pid(), timeout);
      process.destroyForcibly();
      process.onExit().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (ExecutionException e) {
      throw new ContainerdException("waiting for containerd to exit failed", e);
    }
  }

  /** Runs a helper command to completion and returns its output; fails with that output otherwise. */
  static String run(ProcessBuilder command, Duration timeout) {
    String name = String.join(" ", command.command());
    Path output = null;
    try {
      // Output goes to a file so that a command that hangs still meets the timeout.
      output = Files.createTempFile("j8s-cmd", ".out");
      Process p = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ContainerdException(name + " took longer than " + timeout);
      }
      String text = Files.readString(output);
      if (p.exitValue() != 0) {
        throw new ContainerdException(name + " failed with exit code " + p.exitValue() + ": " + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new ContainerdException("cannot run " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerdException("interrupted while running " + name, e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          log.debug("cannot delete {}", output, e);
        }
      }
    }
  }

  private static String logTail(ContainerdOptions options) {
    try {
      List<String> lines = Files.readAllLines(logFile(options));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
