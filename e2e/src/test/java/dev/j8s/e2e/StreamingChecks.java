package dev.j8s.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * kubectl attach and terminal checks shared by the process-runtime and containerd suites: the same pods (busybox
 * commands that also run on the host) and the same expectations, whatever runtime runs them.
 */
final class StreamingChecks {

    private StreamingChecks() {}

    /** A pod whose container prints {@code line N} every 200 ms. */
    static String tickerPod(String name, String image) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done"]
                """.formatted(name, image);
    }

    /** A pod whose container echoes each stdin line until its stdin ends (stdinOnce: after the first attach). */
    static String echoPod(String name, String image) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    stdin: true
                    stdinOnce: true
                    command: ["sh", "-c", "echo waiting; while read l; do echo \\"echo: $l\\"; done; echo bye"]
                """.formatted(name, image);
    }

    /** A pod whose container is an interactive shell on a terminal. */
    static String terminalPod(String name, String image) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    stdin: true
                    tty: true
                    command: ["sh"]
                """.formatted(name, image);
    }

    static void awaitRunning(Kubectl kubectl, String pod) {
        await(pod + " running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> kubectl.run("get", "pod", pod, "-o", "jsonpath={.status.phase}").out().equals("Running"));
    }

    /**
     * {@code kubectl attach POD} prints the lines the container writes after it attached (none of those before, which
     * {@code kubectl logs} holds) and keeps following until it is stopped.
     */
    static void attachFollowsNewOutput(Kubectl kubectl, String pod) throws Exception {
        await("first lines of " + pod).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> kubectl.run("logs", pod).out().contains("line 3\n"));
        int before = lastLine(kubectl.run("logs", pod).out());
        Process attach = kubectl.start("attach", pod, "-c", "app");
        try {
            Output out = Output.of(attach.getInputStream());
            await("attached lines").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> lines(out.text()).size() >= 5);
            List<Integer> seen = lines(out.text());
            // Consecutive lines, all written after the attach began (a line may straddle its start).
            assertThat(seen.getFirst()).isGreaterThanOrEqualTo(before);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(seen.get(i - 1) + 1);
            }
            assertThat(attach.isAlive()).as("attach keeps following").isTrue();
        } finally {
            attach.destroy();
            attach.waitFor(10, TimeUnit.SECONDS);
            attach.destroyForcibly();
        }
        assertThat(kubectl.run("get", "pod", pod, "-o", "jsonpath={.status.phase}").out())
                .as("detaching leaves the container running").isEqualTo("Running");
    }

    /** {@code kubectl attach -i}: the lines kubectl reads reach the container's stdin; stdinOnce ends it after. */
    static void attachSendsStdin(Kubectl kubectl, String pod) {
        await(pod + " waiting").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> kubectl.run("logs", pod).out().contains("waiting\n"));
        Kubectl.Result result = kubectl.runWithInput("hello\nworld\n", "attach", "-i", "-q", pod);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("echo: hello\necho: world\nbye\n");
        await(pod + " completed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> kubectl.run("get", "pod", pod, "-o", "jsonpath={.status.phase}").out().equals("Succeeded"));
        assertThat(kubectl.run("logs", pod).out()).isEqualTo("waiting\necho: hello\necho: world\nbye\n");
    }

    /**
     * {@code kubectl exec -it} from a terminal of 97x31 (script(1) gives kubectl one; stty sizes it): the command's
     * terminal has kubectl's size. The command waits until its size is set (it races the first resize message).
     */
    static void execTerminalHasTheClientsSize(Kubectl kubectl, String pod) throws Exception {
        String inner = "for i in $(seq 1 25); do s=$(stty size 2>/dev/null); case \"$s\" in ''|'0 0') sleep 0.2;;"
                + " *) break;; esac; done; echo size=$s";
        String command = kubectl.commandLine("exec", "-it", pod, "--", "sh", "-c", inner).stream()
                .map(StreamingChecks::quote).collect(Collectors.joining(" "));
        String out = onTerminal("stty cols 97 rows 31; exec " + command, "");
        assertThat(out).contains("size=31 97");
    }

    /** {@code kubectl attach -it} to a terminal container: the shell's terminal takes kubectl's size. */
    static void attachTerminalHasTheClientsSize(Kubectl kubectl, String pod) throws Exception {
        String command = kubectl.commandLine("attach", "-it", "-q", pod).stream()
                .map(StreamingChecks::quote).collect(Collectors.joining(" "));
        // Typed into the attached shell: it waits for the size (kubectl sends 98x32, then 97x31), prints it, exits.
        String typed = "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do [ \"$(stty size)\" = \"31 97\" ] && break;"
                + " sleep 0.2; done; echo size=$(stty size); exit\n";
        String out = onTerminal("stty cols 97 rows 31; exec " + command, typed);
        assertThat(out).contains("size=31 97");
    }

    /** Runs a shell command on a pseudo-terminal from script(1), typing {@code input}; its output. */
    private static String onTerminal(String shellCommand, String input) throws Exception {
        Process p = new ProcessBuilder("script", "-qfec", shellCommand, "/dev/null").redirectErrorStream(true).start();
        try {
            Output out = Output.of(p.getInputStream());
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("kubectl on a terminal ended; output: %s", out.text()).isTrue();
            out.reader.join(5000);
            return out.text();
        } finally {
            p.destroyForcibly();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static int lastLine(String log) {
        List<Integer> all = lines(log);
        return all.isEmpty() ? 0 : all.getLast();
    }

    private static List<Integer> lines(String text) {
        Matcher m = Pattern.compile("(?m)^line (\\d+)$").matcher(text);
        List<Integer> numbers = new java.util.ArrayList<>();
        while (m.find()) {
            numbers.add(Integer.parseInt(m.group(1)));
        }
        return numbers;
    }

    /** What a process writes, collected by a reader thread as it arrives. */
    private record Output(StringBuilder buffer, Thread reader) {
        static Output of(InputStream in) {
            StringBuilder buffer = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                try (in) {
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (buffer) {
                            buffer.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            return new Output(buffer, reader);
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString();
            }
        }
    }
}
