package dev.j8s.agent.process;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.ContainerRuntime;
import dev.j8s.agent.runtime.ContainerState;
import dev.j8s.agent.podstatus.PodStatusParts;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.ExecResult;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.PodSandboxStatus;
import dev.j8s.agent.runtime.RuntimeFailure;
import dev.j8s.agent.runtime.StdioConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code process} runtime, like Nomad's raw_exec: a container is a command run directly on the
 * host, with no image and no isolation beyond a process group, a cgroup (when root) and a private
 * mount namespace for its volumes (when root). {@code image} is ignored; {@code command} must name
 * a program of the host.
 *
 * <p>Every container is started as {@code setsid [unshare --mount --propagation private] sh run.sh}
 * (see {@link WrapperScript}), with stdout and stderr going to plain files that {@link LogCopier}
 * turns into CRI logs. Its state lives in {@code <root>/containers/<id>/state.json}; a new
 * ProcessRuntime on the same root (an agent restarted even with kill -9) re-adopts the processes
 * that still run, recognising them by PID and kernel start time.
 *
 * <p>Without root, volumes are not bind-mounted: the kubelet passes their host directories in the
 * environment as well ({@code J8S_VOLUME_<NAME>}), which is how a process reaches them then.
 */
public final class ProcessRuntime implements ContainerRuntime {

    private static final Logger log = LoggerFactory.getLogger(ProcessRuntime.class);
    private static final String STDIN_CLOSED = "stdin-closed";
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path root;
    private final String podIp;
    private final Clock clock;
    private final Cgroups cgroups;
    private final boolean bindMounts;
    private final LogCopier logs;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, SandboxRecord> sandboxes = new ConcurrentHashMap<>();
    private final Map<String, ContainerRecord> containers = new ConcurrentHashMap<>();

    /**
     * @param root  the runtime's state directory (under the agent's data dir)
     * @param podIp the address every pod reports: the host's, since processes share its network
     */
    public ProcessRuntime(Path root, String podIp, Clock clock) {
        this.root = root;
        this.podIp = podIp;
        this.clock = clock;
        this.cgroups = Cgroups.detect();
        this.bindMounts = HostProcesses.isRoot() && Files.isExecutable(Path.of("/usr/bin/unshare"));
        this.logs = new LogCopier(clock);
        try {
            Files.createDirectories(root.resolve("sandboxes"));
            Files.createDirectories(root.resolve("containers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        load();
        log.info("process runtime on {}: {}, volumes {}", root, cgroups.describe(),
                bindMounts ? "bind-mounted in a private mount namespace" : "passed as J8S_VOLUME_* paths");
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public String version() {
        return "process://" + dev.j8s.agent.node.AgentVersion.KUBELET_VERSION;
    }

    /** Whether volume mounts reach their mountPath (root) or only their J8S_VOLUME_* path. */
    public boolean bindsMounts() {
        return bindMounts;
    }

    @Override
    public synchronized PodSandboxStatus runPodSandbox(PodSandboxConfig config) {
        // config.dns() is not applied: process containers share the host's network and /etc/resolv.conf.
        for (SandboxRecord s : sandboxes.values()) {
            if (s.config().podUid().equals(config.podUid()) && s.ready()) {
                return status(s);
            }
        }
        SandboxRecord created = new SandboxRecord(newId(), config, true, clock.millis());
        save(root.resolve("sandboxes").resolve(created.id() + ".json"), created);
        sandboxes.put(created.id(), created);
        return status(created);
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        for (ContainerStatus c : listContainers(sandboxId)) {
            stopContainer(c.id(), Duration.ZERO);
        }
        synchronized (this) {
            SandboxRecord s = sandboxes.get(sandboxId);
            if (s != null && s.ready()) {
                SandboxRecord stopped = s.stopped();
                save(root.resolve("sandboxes").resolve(sandboxId + ".json"), stopped);
                sandboxes.put(sandboxId, stopped);
            }
        }
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        stopPodSandbox(sandboxId);
        for (ContainerStatus c : listContainers(sandboxId)) {
            removeContainer(c.id());
        }
        sandboxes.remove(sandboxId);
        deleteTree(root.resolve("sandboxes").resolve(sandboxId + ".json"));
    }

    @Override
    public List<PodSandboxStatus> listPodSandboxes() {
        return sandboxes.values().stream().sorted(Comparator.comparingLong(SandboxRecord::createdAtMs))
                .map(this::status).toList();
    }

    @Override
    public synchronized String createContainer(String sandboxId, ContainerConfig config) {
        if (!sandboxes.containsKey(sandboxId)) {
            throw new RuntimeFailure("no sandbox " + sandboxId);
        }
        if (config.argv().isEmpty()) {
            throw new RuntimeFailure("the process runtime needs a command: container " + config.name()
                    + " has none (images are ignored, so they supply no entrypoint)");
        }
        String id = newId();
        try {
            Files.createDirectories(dir(id).resolve("work"));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot create container directory: " + e.getMessage(), e);
        }
        ContainerRecord record = new ContainerRecord(id, sandboxId, config, clock.millis(), 0, 0, 0, false, 0,
                null, null);
        persist(record);
        return id;
    }

    @Override
    public void startContainer(String containerId) {
        ContainerRecord record = record(containerId);
        if (record.hasStarted()) {
            throw new RuntimeFailure("container " + containerId + " was already started");
        }
        Path dir = dir(containerId);
        ContainerConfig config = record.config();
        try {
            List<Path> procs = cgroups.create(containerId, config.resources());
            Path workingDir = config.workingDir().isEmpty() ? dir.resolve("work") : Path.of(config.workingDir());
            if (!bindMounts) {
                Files.createDirectories(workingDir);
            }
            boolean mountHere = bindMounts && !config.mounts().isEmpty();
            Path script = dir.resolve("run.sh");
            Path fifo = config.stdio().stdin() ? makeFifo(dir.resolve("stdin")) : null;
            Files.writeString(script, WrapperScript.render(containerId, config, procs, mountHere, workingDir,
                    dir.resolve("exit"), fifo));
            List<String> cmd = new ArrayList<>(List.of("setsid"));
            if (mountHere) {
                cmd.addAll(List.of("unshare", "--mount", "--propagation", "private"));
            }
            cmd.addAll(List.of("/bin/sh", script.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LogCopier.stdoutFile(dir).toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(LogCopier.stderrFile(dir).toFile()));
            pb.environment().clear();
            pb.environment().put("PATH", DEFAULT_PATH);
            pb.environment().putAll(environment(record));
            Process process = pb.start();
            long ticks = HostProcesses.startTicks(process.pid());
            persist(record.started(clock.millis(), process.pid(), ticks));
            logs.follow(containerId, dir, config.logPath());
        } catch (IOException e) {
            persist(record.started(clock.millis(), 0, 0).exited(clock.millis(), 128, "StartError"));
            throw new RuntimeFailure("cannot start container " + config.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stopContainer(String containerId, Duration timeout) {
        ContainerRecord record = containers.get(containerId);
        if (record == null || !record.hasStarted() || observe(record).hasExited()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(record.pid());
        if (!timeout.isZero()) {
            HostProcesses.signalGroup(record.pid(), "TERM");
            awaitExit(record, handle, timeout);
        }
        if (HostProcesses.isAlive(record.pid(), record.startTicks())) {
            persist(record.killing());
            HostProcesses.signalGroup(record.pid(), "KILL");
            awaitExit(record, handle, Duration.ofSeconds(10));
        }
        observe(containers.get(containerId));
    }

    private void awaitExit(ContainerRecord record, Optional<ProcessHandle> handle, Duration timeout) {
        if (handle.isEmpty()) {
            return;
        }
        try {
            // onExit works for re-adopted processes too (the JDK polls those it did not start).
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            log.debug("container {} still running after {}", record.id(), timeout);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new RuntimeFailure("waiting for " + record.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void removeContainer(String containerId) {
        stopContainer(containerId, Duration.ZERO);
        logs.finish(containerId);
        containers.remove(containerId);
        cgroups.remove(containerId);
        deleteTree(dir(containerId));
    }

    /** Read from each running container's own cgroup (none when not root). */
    @Override
    public List<dev.j8s.agent.runtime.ContainerUsage> containerUsage() {
        Instant now = clock.instant();
        List<dev.j8s.agent.runtime.ContainerUsage> usage = new ArrayList<>();
        for (ContainerRecord r : containers.values()) {
            if (r.hasStarted() && !r.hasExited()) {
                cgroups.usage(r.id(), now).ifPresent(usage::add);
            }
        }
        return usage;
    }

    @Override
    public Optional<ContainerStatus> containerStatus(String containerId) {
        ContainerRecord record = containers.get(containerId);
        return record == null ? Optional.empty() : Optional.of(toStatus(observe(record)));
    }

    @Override
    public List<ContainerStatus> listContainers(String sandboxId) {
        return containers.values().stream().filter(c -> c.sandboxId().equals(sandboxId))
                .sorted(Comparator.comparingLong(ContainerRecord::createdAtMs).thenComparing(c -> c.config().attempt()))
                .map(c -> toStatus(observe(c))).toList();
    }

    @Override
    public ExecResult execSync(String containerId, List<String> command, Duration timeout) {
        ContainerRecord record = record(containerId);
        ContainerConfig config = record.config();
        List<String> cmd = new ArrayList<>();
        boolean running = HostProcesses.isAlive(record.pid(), record.startTicks());
        if (bindMounts && !config.mounts().isEmpty() && running) {
            // Into the container's mount namespace, so the command sees the volumes where it expects them.
            cmd.addAll(List.of("nsenter", "--target", Long.toString(record.pid()), "--mount", "--"));
        }
        cmd.addAll(command);
        Path workingDir = config.workingDir().isEmpty() ? dir(containerId).resolve("work") : Path.of(config.workingDir());
        return ExecRunner.run(cmd, environment(record), workingDir, timeout);
    }

    @Override
    public ExecProcess exec(String containerId, List<String> command, boolean tty) {
        ContainerRecord record = record(containerId);
        ContainerConfig config = record.config();
        if (!HostProcesses.isAlive(record.pid(), record.startTicks())) {
            throw new RuntimeFailure("container " + config.name() + " is not running");
        }
        // Into the container's mount namespace (it has one when its volumes are bind-mounted) and its cwd.
        long namespacePid = bindMounts && !config.mounts().isEmpty() ? record.pid() : 0;
        Path workingDir = config.workingDir().isEmpty() ? dir(containerId).resolve("work") : Path.of(config.workingDir());
        return ProcessExec.start(command, tty, environment(record), workingDir, namespacePid);
    }

    /**
     * Attaches to the container's command: its output from now on and, when the pod spec gave it {@code stdin}, its
     * stdin FIFO. {@code tty} is the container's own setting; with it the command runs under script(1), whose pty
     * a resize reaches.
     */
    @Override
    public ExecProcess attach(String containerId, boolean stdin, boolean tty) {
        ContainerRecord record = record(containerId);
        if (!HostProcesses.isAlive(record.pid(), record.startTicks())) {
            throw new RuntimeFailure("container " + record.config().name() + " is not running");
        }
        LogCopier.OutputListener output = logs.listen(containerId)
                .orElseThrow(() -> new RuntimeFailure("container " + record.config().name() + " is not running"));
        Path dir = dir(containerId);
        StdioConfig stdio = record.config().stdio();
        boolean writes = stdin && stdio.stdin() && !Files.exists(dir.resolve(STDIN_CLOSED));
        Runnable onStdinClosed = stdio.stdinOnce() ? () -> closeStdin(record) : () -> { };
        return new ProcessAttach(output, ProcessHandle.of(record.pid()), stdio.tty(),
                writes ? dir.resolve("stdin") : null, onStdinClosed);
    }

    /**
     * stdinOnce: the first attach's stdin ended, so the container's does (kill the FIFO's keeper; the command reads
     * EOF once no attach writes either), for good.
     */
    private void closeStdin(ContainerRecord record) {
        Path dir = dir(record.id());
        try {
            Files.writeString(dir.resolve(STDIN_CLOSED), "");
            long keeper = Long.parseLong(Files.readString(dir.resolve(WrapperScript.STDIN_KEEPER)).strip());
            // Only the container's own keeper: same process group as the wrapper, not a reused PID.
            if (HostProcesses.processGroup(keeper) == record.pid()) {
                ProcessHandle.of(keeper).ifPresent(ProcessHandle::destroy);
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("container {}: cannot close stdin: {}", record.id(), e.toString());
        }
    }

    private static Path makeFifo(Path path) throws IOException {
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
            String out = new String(mkfifo.getInputStream().readAllBytes());
            if (mkfifo.waitFor() != 0) {
                throw new IOException("mkfifo " + path + ": " + out.strip());
            }
            return path;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * The container's env, with HOSTNAME set to the pod's hostname as container runtimes do (the process
     * shares the host's UTS namespace, so only the variable can say it).
     */
    private Map<String, String> environment(ContainerRecord record) {
        SandboxRecord sandbox = sandboxes.get(record.sandboxId());
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (sandbox != null && sandbox.config().hostname() != null && !sandbox.config().hostname().isEmpty()) {
            env.put("HOSTNAME", sandbox.config().hostname());
        }
        env.putAll(record.config().env());
        return env;
    }

    /** Pods share the host's network: a pod port is a port of 127.0.0.1. */
    @Override
    public Socket portForward(String sandboxId, int port) throws IOException {
        if (!sandboxes.containsKey(sandboxId)) {
            throw new RuntimeFailure("no sandbox " + sandboxId);
        }
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    @Override
    public void close() {
        logs.close();
    }

    /** Brings a record up to date with its process: a process found gone becomes an exit, once. */
    private synchronized ContainerRecord observe(ContainerRecord record) {
        ContainerRecord current = containers.getOrDefault(record.id(), record);
        if (!current.hasStarted() || current.hasExited()) {
            return current;
        }
        if (HostProcesses.isAlive(current.pid(), current.startTicks())) {
            return current;
        }
        Path dir = dir(current.id());
        Path exitFile = dir.resolve("exit");
        int code;
        long finishedAt;
        try {
            code = Integer.parseInt(Files.readString(exitFile).trim());
            finishedAt = Files.getLastModifiedTime(exitFile).toMillis();
        } catch (IOException | NumberFormatException e) {
            // No exit file: the wrapper itself was killed, by us (SIGKILL on stop) or by the OOM killer.
            code = 137;
            finishedAt = clock.millis();
        }
        String reason = cgroups.oomKilled(current.id()) ? "OOMKilled" : code == 0 ? "Completed" : "Error";
        // Whatever the command left behind in its group goes with it, as a container's processes do.
        HostProcesses.signalGroup(current.pid(), "KILL");
        logs.finish(current.id());
        ContainerRecord exited = current.exited(finishedAt, code, reason);
        persist(exited);
        return exited;
    }

    private ContainerStatus toStatus(ContainerRecord r) {
        ContainerState state = r.hasExited() ? ContainerState.EXITED
                : r.hasStarted() ? ContainerState.RUNNING : ContainerState.CREATED;
        // No image is pulled: the ID is a digest of the image name, in the repo-digest form a runtime reports.
        return new ContainerStatus(r.id(), r.sandboxId(), r.config().name(), r.config().attempt(), r.config().image(),
                PodStatusParts.imageId(r.config().image()), state, Instant.ofEpochMilli(r.createdAtMs()),
                r.hasStarted() ? Instant.ofEpochMilli(r.startedAtMs()) : null,
                r.hasExited() ? Instant.ofEpochMilli(r.finishedAtMs()) : null,
                r.hasExited() ? r.exitCode() : 0, r.reason(), null, r.config().logPath());
    }

    private PodSandboxStatus status(SandboxRecord s) {
        return new PodSandboxStatus(s.id(), s.config(), s.ready(), podIp, Instant.ofEpochMilli(s.createdAtMs()));
    }

    /** Reads the state a previous runtime (or agent process) left; running containers are followed again. */
    private void load() {
        try (Stream<Path> files = Files.list(root.resolve("sandboxes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                SandboxRecord s = json.readValue(f.toFile(), SandboxRecord.class);
                sandboxes.put(s.id(), s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Stream<Path> dirs = Files.list(root.resolve("containers"))) {
            for (Path d : dirs.toList()) {
                Path state = d.resolve("state.json");
                if (!Files.exists(state)) {
                    continue;
                }
                ContainerRecord c = json.readValue(state.toFile(), ContainerRecord.class);
                containers.put(c.id(), c);
                if (c.hasStarted() && !c.hasExited()) {
                    logs.follow(c.id(), d, c.config().logPath());
                    log.info("re-adopting container {} ({}) pid {}", c.id(), c.config().name(), c.pid());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ContainerRecord record(String containerId) {
        ContainerRecord record = containers.get(containerId);
        if (record == null) {
            throw new RuntimeFailure("no container " + containerId);
        }
        return record;
    }

    private synchronized void persist(ContainerRecord record) {
        save(dir(record.id()).resolve("state.json"), record);
        containers.put(record.id(), record);
    }

    private void save(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot save " + file + ": " + e.getMessage(), e);
        }
    }

    private Path dir(String containerId) {
        return root.resolve("containers").resolve(containerId);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", path, e.toString());
        }
    }
}
