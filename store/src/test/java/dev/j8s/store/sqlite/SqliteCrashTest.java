package dev.j8s.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every write acknowledged before a {@code kill -9} is still there after reopening. */
class SqliteCrashTest {
    private static final int ACKS_BEFORE_KILL = 3000;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void acknowledgedWritesSurviveKill9() throws Exception {
        Path file = dir.resolve("crash.db");
        Process child = startChild(file);
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            readAcknowledged(lines, acknowledged, ACKS_BEFORE_KILL);
            // SIGKILL while the writers are busy; destroyForcibly also closes our end of the pipe,
            // so keys printed after the last line read are simply not checked.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (SqliteStore reopened = SqliteStore.open(file)) {
            List<String> missing = acknowledged.stream().filter(key -> reopened.get(key).isEmpty()).toList();
            assertThat(missing).isEmpty();
            assertThat(reopened.count("/crash/")).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(reopened.currentRevision()).isGreaterThanOrEqualTo(acknowledged.size());
            long next = reopened.create("/after-crash", new byte[] {1}).modRevision();
            assertThat(next).isEqualTo(reopened.count("/crash/") + 1);
        }
    }

    private static Process startChild(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashingWriter.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Reads complete {@code key|} lines until {@code until} keys are known or the pipe ends. */
    private static void readAcknowledged(BufferedReader lines, List<String> into, int until) throws IOException {
        String line;
        while (into.size() < until && (line = lines.readLine()) != null) {
            if (line.endsWith("|")) {
                into.add(line.substring(0, line.length() - 1));
            }
        }
    }
}
