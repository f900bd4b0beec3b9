package dev.j8s.agent.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what containers write into CRI-format log files ({@code 2006-01-02T15:04:05.999999999Z stdout F line}),
 * as containerd's shim does. A container writes to two plain files (stdout, stderr) that it keeps
 * open by itself, so its output survives an agent restart; one thread of the agent tails them every
 * {@value #POLL_MILLIS} ms and appends each complete line to the CRI log with the time it read it.
 * The read offsets are saved next to the raw files, so a restarted agent continues where it stopped.
 * Lines longer than 16 KiB are split into partial ({@code P}) entries, as the CRI log format does.
 */
final class LogCopier implements AutoCloseable {

    static final long POLL_MILLIS = 200;
    private static final int MAX_LINE = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(LogCopier.class);

    private final Clock clock;
    private final Map<String, Tail> tails = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    LogCopier(Clock clock) {
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("j8s-process-logs").daemon().start(this::run);
    }

    /** Starts (or resumes) copying a container's output. */
    void follow(String containerId, Path dir, Path criLog) {
        tails.computeIfAbsent(containerId, id -> new Tail(dir, criLog));
    }

    /** Copies what is left (incomplete last lines too) and stops following the container. */
    void finish(String containerId) {
        Tail tail = tails.remove(containerId);
        if (tail != null) {
            synchronized (tail) {
                tail.copy(true);
            }
        }
    }

    static Path stdoutFile(Path dir) {
        return dir.resolve("stdout");
    }

    static Path stderrFile(Path dir) {
        return dir.resolve("stderr");
    }

    private void run() {
        while (!closed) {
            for (Tail tail : tails.values()) {
                synchronized (tail) {
                    tail.copy(false);
                }
            }
            try {
                Thread.sleep(POLL_MILLIS); // a polling tailer: the period is the log latency, not a wait for state
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private final class Tail {
        private final Path dir;
        private final Path criLog;
        private final Stream out;
        private final Stream err;

        Tail(Path dir, Path criLog) {
            this.dir = dir;
            this.criLog = criLog;
            long[] offsets = readOffsets();
            this.out = new Stream("stdout", stdoutFile(dir), offsets[0]);
            this.err = new Stream("stderr", stderrFile(dir), offsets[1]);
        }

        void copy(boolean flush) {
            try {
                StringBuilder lines = new StringBuilder();
                out.read(lines, flush);
                err.read(lines, flush);
                if (!lines.isEmpty()) {
                    Files.createDirectories(criLog.getParent());
                    Files.writeString(criLog, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    Files.writeString(dir.resolve("log-offsets"), out.offset + " " + err.offset);
                }
            } catch (IOException e) {
                log.warn("container log {}: {}", criLog, e.toString());
            }
        }

        private long[] readOffsets() {
            try {
                String[] parts = Files.readString(dir.resolve("log-offsets")).trim().split(" ");
                return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }

    private final class Stream {
        private final String name;
        private final Path file;
        /** Bytes of the raw file already written to the CRI log (complete lines only). */
        private long offset;

        Stream(String name, Path file, long offset) {
            this.name = name;
            this.file = file;
            this.offset = offset;
        }

        void read(StringBuilder lines, boolean flush) throws IOException {
            if (!Files.exists(file) || Files.size(file) <= offset) {
                return;
            }
            byte[] bytes;
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(offset);
                bytes = new byte[(int) Math.min(raf.length() - offset, 4 * 1024 * 1024)];
                raf.readFully(bytes);
            }
            String time = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int consumed = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    append(lines, time, "F", line);
                    consumed = i + 1;
                } else {
                    line.write(bytes[i]);
                    if (line.size() >= MAX_LINE) {
                        append(lines, time, "P", line);
                        consumed = i + 1;
                    }
                }
            }
            if (flush && line.size() > 0) {
                append(lines, time, "F", line);
                consumed = bytes.length;
            }
            offset += consumed;
        }

        private void append(StringBuilder lines, String time, String tag, ByteArrayOutputStream line) {
            lines.append(time).append(' ').append(name).append(' ').append(tag).append(' ')
                    .append(line.toString(StandardCharsets.UTF_8)).append('\n');
            line.reset();
        }
    }
}
