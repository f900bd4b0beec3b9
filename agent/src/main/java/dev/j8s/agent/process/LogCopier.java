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

    /** Copies what is left (incomplete last lines too) and stops following the container; attached readers see the end. */
    void finish(String containerId) {
        Tail tail = tails.remove(containerId);
        if (tail != null) {
            synchronized (tail) {
                tail.copy(true);
                tail.endListeners();
            }
        }
    }

    /**
     * The raw output a running container writes from now on (a tee of what its log gets), for attach: the streams
     * end when the container's output ends; {@link OutputListener#close()} detaches. Empty when the container is not
     * followed (not running).
     */
    java.util.Optional<OutputListener> listen(String containerId) {
        Tail tail = tails.get(containerId);
        if (tail == null) {
            return java.util.Optional.empty();
        }
        synchronized (tail) {
            OutputListener listener = new OutputListener(tail);
            tail.listeners.add(listener);
            return java.util.Optional.of(listener);
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

        final java.util.List<OutputListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        void copy(boolean flush) {
            for (OutputListener l : listeners) {
                l.poll();
            }
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

        void endListeners() {
            for (OutputListener l : listeners) {
                l.poll();
                l.stdout.end();
                l.stderr.end();
                l.ended.complete(0);
            }
            listeners.clear();
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

    /** One attached reader of a container's raw stdout and stderr files, each from its own position. */
    final class OutputListener implements AutoCloseable {
        private static final int MAX_READ = 64 * 1024;
        private final Tail tail;
        final dev.j8s.agent.runtime.ChunkInputStream stdout = new dev.j8s.agent.runtime.ChunkInputStream(() -> { });
        final dev.j8s.agent.runtime.ChunkInputStream stderr = new dev.j8s.agent.runtime.ChunkInputStream(() -> { });
        /** Completes when the container's output ended or the reader detached. */
        final java.util.concurrent.CompletableFuture<Integer> ended = new java.util.concurrent.CompletableFuture<>();
        private long stdoutAt;
        private long stderrAt;

        OutputListener(Tail tail) {
            this.tail = tail;
            this.stdoutAt = size(stdoutFile(tail.dir));
            this.stderrAt = size(stderrFile(tail.dir));
        }

        /** Copier thread: hands on what was written since; a reader that lags behind is fed later, not dropped. */
        void poll() {
            if (!stdout.isFull()) {
                stdoutAt = feed(stdoutFile(tail.dir), stdoutAt, stdout);
            }
            if (!stderr.isFull()) {
                stderrAt = feed(stderrFile(tail.dir), stderrAt, stderr);
            }
        }

        private long feed(Path file, long at, dev.j8s.agent.runtime.ChunkInputStream to) {
            long size = size(file);
            if (size <= at) {
                return at;
            }
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                raf.seek(at);
                byte[] bytes = new byte[(int) Math.min(size - at, MAX_READ)];
                raf.readFully(bytes);
                to.append(bytes);
                return at + bytes.length;
            } catch (IOException e) {
                return at;
            }
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return 0;
            }
        }

        @Override
        public void close() {
            tail.listeners.remove(this);
            stdout.close();
            stderr.close();
            ended.complete(0);
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
