package dev.j8s.agent.process;

import static dev.j8s.agent.runtime.StreamReads.readUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.j8s.agent.runtime.ContainerConfig;
import dev.j8s.agent.runtime.ContainerStatus;
import dev.j8s.agent.runtime.ExecResult;
import dev.j8s.agent.runtime.Mount;
import dev.j8s.agent.runtime.PodSandboxConfig;
import dev.j8s.agent.runtime.ExecProcess;
import dev.j8s.agent.runtime.Resources;
import dev.j8s.agent.runtime.StdioConfig;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runtime with real processes on this host. */
class ProcessRuntimeTest {

    @TempDir
    Path dir;

    ProcessRuntime runtime;
    String sandbox;
    final List<String> started = new ArrayList<>();

    @BeforeEach
    void start() {
        runtime = new ProcessRuntime(dir.resolve("runtime"), "127.0.0.1", Clock.systemUTC());
        sandbox = runtime.runPodSandbox(new PodSandboxConfig("uid-1", "default", "p", "p", dir.resolve("pods"),
                Map.of())).id();
    }

    @AfterEach
    void stop() {
        // Whatever a failed test left running is killed by PID (its process group), never by name.
        for (String id : started) {
            runtime.stopContainer(id, Duration.ZERO);
            runtime.removeContainer(id);
        }
        runtime.close();
    }

    private String run(String name, String script, Resources resources, List<Mount> mounts) {
        ContainerConfig config = new ContainerConfig(name, 0, "ignored:latest", List.of("sh", "-c"), List.of(script),
                "", Map.of("GREETING", "hello"), mounts, dir.resolve("logs").resolve(name).resolve("0.log"),
                resources, Map.of());
        String id = runtime.createContainer(sandbox, config);
        started.add(id);
        runtime.startContainer(id);
        return id;
    }

    private String run(String name, String script, StdioConfig stdio) {
        ContainerConfig config = new ContainerConfig(name, 0, "ignored:latest", List.of("sh", "-c"), List.of(script),
                "", Map.of(), List.of(), dir.resolve("logs").resolve(name).resolve("0.log"), Resources.NONE, Map.of(),
                stdio);
        String id = runtime.createContainer(sandbox, config);
        started.add(id);
        runtime.startContainer(id);
        return id;
    }

    @Test
    @Timeout(60)
    void attachStreamsOutputFromNowOnAndFeedsStdinUntilStdinOnceCloses() throws Exception {
        String id = run("reader", "echo before; while read l; do echo \"got $l\"; echo \"err $l\" >&2; done; echo bye",
                new StdioConfig(true, true, false));
        Path log = dir.resolve("logs/reader/0.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log) && Files.readString(log).contains("before"));
        try (ExecProcess watcher = runtime.attach(id, false, false)) {
            try (ExecProcess attach = runtime.attach(id, true, false)) {
                attach.stdin().write("one\n".getBytes(StandardCharsets.UTF_8));
                assertThat(readUntil(attach.stdout(), "got one\n")).isEqualTo("got one\n");
                assertThat(readUntil(attach.stderr(), "err one\n")).isEqualTo("err one\n");
                // stdinOnce: the end of this session's stdin is the end of the container's.
                attach.stdin().close();
                await().atMost(Duration.ofSeconds(10)).until(() -> status(id).isExited());
                assertThat(new String(attach.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("bye\n");
                assertThat(attach.exitCode().get(5, TimeUnit.SECONDS)).isZero();
            }
            // A second reader saw the same output, and the end of it.
            assertThat(new String(watcher.stdout().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("got one\nbye\n");
        }
        assertThat(status(id).exitCode()).isZero();
    }

    @Test
    @Timeout(60)
    void attachToATerminalContainerFollowsTheClientsSize() throws Exception {
        String id = run("shell", "exec sh", new StdioConfig(true, false, true));
        try (ExecProcess attach = runtime.attach(id, true, true)) {
            // Once the shell answers, it runs on script's terminal (what a resize resizes).
            attach.stdin().write("echo re\"\"ady\n".getBytes(StandardCharsets.UTF_8));
            readUntil(attach.stdout(), "ready\r\n");
            for (int[] size : List.of(new int[] {100, 30}, new int[] {120, 40})) {
                attach.resize(size[0], size[1]);
                attach.stdin().write("stty size\n".getBytes(StandardCharsets.UTF_8));
                readUntil(attach.stdout(), size[1] + " " + size[0]);
            }
            assertThat(attach.stderr().read()).isEqualTo(-1);
        }
        // Detached, not stopped; without stdinOnce its stdin stays open for the next attach.
        try (ExecProcess again = runtime.attach(id, true, true)) {
            again.stdin().write("echo still-here\n".getBytes(StandardCharsets.UTF_8));
            readUntil(again.stdout(), "still-here\r\n");
        }
        assertThat(status(id).isRunning()).isTrue();
    }

    private ContainerStatus status(String id) {
        return runtime.containerStatus(id).orElseThrow();
    }

    @Test
    void runsACommandWithItsEnvironmentAndWritesCriLogs() throws Exception {
        String id = run("echo", "echo \"$GREETING\"; echo oops >&2; exit 3", Resources.NONE, List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).isExited());
        ContainerStatus s = status(id);
        assertThat(s.exitCode()).isEqualTo(3);
        assertThat(s.reason()).isEqualTo("Error");
        Path log = dir.resolve("logs/echo/0.log");
        assertThat(Files.readAllLines(log))
                .anySatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z stdout F hello"))
                .anySatisfy(l -> assertThat(l).endsWith(" stderr F oops"));
    }

    @Test
    void stopSendsSigtermToTheGroupAndSigkillAfterTheGrace() throws Exception {
        Path marker = dir.resolve("term-marker");
        // The child (sleep) is in the same group: a TERM that only reached sh would leave it running.
        String polite = run("polite", "trap 'echo term > " + marker + "; exit 0' TERM; sleep 600 & wait", Resources.NONE,
                List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(polite).isRunning());
        runtime.stopContainer(polite, Duration.ofSeconds(10));
        assertThat(status(polite).isExited()).isTrue();
        assertThat(Files.readString(marker).trim()).isEqualTo("term");

        String stubborn = run("stubborn", "trap '' TERM; while true; do sleep 1; done", Resources.NONE, List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(stubborn).isRunning());
        Instant before = Instant.now();
        runtime.stopContainer(stubborn, Duration.ofSeconds(2));
        Duration took = Duration.between(before, Instant.now());
        assertThat(status(stubborn).isExited()).isTrue();
        assertThat(status(stubborn).exitCode()).isEqualTo(137);
        assertThat(took).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(8));
    }

    @Test
    void execRunsInTheContainersEnvironment() {
        String id = run("exec", "exec sleep 600", Resources.NONE, List.of());
        ExecResult r = runtime.execSync(id, List.of("sh", "-c", "echo $GREETING; exit 4"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout().trim()).isEqualTo("hello");
        ExecResult slow = runtime.execSync(id, List.of("sleep", "30"), Duration.ofMillis(500));
        assertThat(slow.timedOut()).isTrue();
    }

    @Test
    void aNewRuntimeOnTheSameStateReadoptsRunningProcesses() throws Exception {
        String id = run("long", "echo before; while true; do sleep 0.2; [ -f " + dir.resolve("go") + " ] && echo after && exit 7; done",
                Resources.NONE, List.of());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).isRunning());
        long pid = Long.parseLong(Files.readString(dir.resolve("runtime/containers").resolve(id).resolve("state.json"))
                .replaceAll(".*\"pid\":(\\d+).*", "$1"));
        runtime.close();

        runtime = new ProcessRuntime(dir.resolve("runtime"), "127.0.0.1", Clock.systemUTC());
        ContainerStatus adopted = status(id);
        assertThat(adopted.isRunning()).isTrue();
        assertThat(adopted.attempt()).isZero();
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(runtime.listPodSandboxes()).extracting(s -> s.id()).containsExactly(sandbox);

        Files.writeString(dir.resolve("go"), "");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).isExited());
        assertThat(status(id).exitCode()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readString(dir.resolve("logs/long/0.log")))
                .contains("stdout F before").contains("stdout F after"));
    }

    @Test
    void memoryLimitOomKillIsReportedAsOomKilled() {
        assumeTrue(HostProcesses.isRoot() && !(Cgroups.detect() instanceof Cgroups.None), "needs root and cgroups");
        // A shell string that doubles until it passes 64 MiB.
        String id = run("hog", "x=aaaaaaaaaaaaaaaa; while true; do x=\"$x$x\"; done",
                Resources.ofLimits(64L * 1024 * 1024, 0), List.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).isExited());
        assertThat(status(id).reason()).isEqualTo("OOMKilled");
        assertThat(status(id).exitCode()).isEqualTo(137);
    }

    @Test
    void volumesAreBindMountedAtTheirPathWhenRoot() throws Exception {
        assumeTrue(runtime.bindsMounts(), "needs root");
        Path volume = Files.createDirectories(dir.resolve("volume"));
        Files.writeString(volume.resolve("key"), "value");
        Path mountPoint = dir.resolve("mnt/config");
        String id = run("mounts", "cat " + mountPoint + "/key > " + dir.resolve("seen") + "; exec sleep 600",
                Resources.NONE, List.of(new Mount(volume, mountPoint.toString(), true)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("seen"))
                && !Files.readString(dir.resolve("seen")).isEmpty());
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("value");
        // Private to the container: the host sees an empty mount point.
        assertThat(Files.list(mountPoint).count()).isZero();
        assertThat(runtime.execSync(id, List.of("cat", mountPoint + "/key"), Duration.ofSeconds(5)).stdout()).isEqualTo("value");
    }
}
