package dev.j8s.agent.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Copies a CRI log file to a client as the kubelet does: optionally only the last lines and only lines
 * newer than a time, with or without their timestamps, up to a byte limit, and in follow mode keeps
 * reading what the runtime appends until the container stops or the client goes away.
 * Runs on a worker thread; {@link Sink#write} may block for backpressure.
 */
final class ContainerLogStreamer {

    /** Where the rendered log goes; {@code write} returns false once the client is gone. */
    interface Sink {
        boolean write(byte[] bytes);

        boolean isOpen();
    }

    /** How often a followed file is checked for new lines (the kubelet waits on inotify with a similar timeout). */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(100);
    private static final int READ_CHUNK = 64 * 1024;

    private final ContainerLog log;
    private final LogOptions options;
    private final Sink sink;
    private long remainingBytes;

    ContainerLogStreamer(ContainerLog log, LogOptions options, Sink sink) {
        this.log = log;
        this.options = options;
        this.sink = sink;
        this.remainingBytes = options.limitBytes() < 0 ? Long.MAX_VALUE : options.limitBytes();
    }

    /** Streams until done; returns normally when the log ended, the limit was hit or the client left. */
    void run() throws IOException {
        try (FileChannel file = FileChannel.open(log.path(), StandardOpenOption.READ)) {
            file.position(options.tailLines() < 0 ? 0 : tailStart(file, options.tailLines()));
            LineReader lines = new LineReader(file);
            while (true) {
                byte[] line = lines.next();
                if (line != null) {
                    if (!emit(line)) {
                        return;
                    }
                    continue;
                }
                if (!options.follow()) {
                    return;
                }
                if (!log.running()) {
                    // The container stopped: whatever it wrote before stopping is read once more, then the stream ends.
                    while ((line = lines.next()) != null) {
                        if (!emit(line)) {
                            return;
                        }
                    }
                    return;
                }
                if (!sink.isOpen()) {
                    return;
                }
                LockSupport.parkNanos(FOLLOW_POLL.toNanos());
            }
        }
    }

    private boolean emit(byte[] raw) {
        CriLogLine line = CriLogLine.parse(raw);
        if (line == null || (options.since() != null && line.time().isBefore(options.since()))) {
            return true;
        }
        byte[] out = line.render(options.timestamps());
        if (out.length >= remainingBytes) {
            sink.write(Arrays.copyOf(out, (int) remainingBytes));
            return false;
        }
        remainingBytes -= out.length;
        return sink.write(out);
    }

    /** The offset where the last {@code n} complete lines of the file begin. */
    private static long tailStart(FileChannel file, long n) throws IOException {
        if (n == 0) {
            return file.size();
        }
        ArrayDeque<Long> starts = new ArrayDeque<>();
        ByteBuffer buf = ByteBuffer.allocate(READ_CHUNK);
        long offset = 0;
        long lineStart = 0;
        file.position(0);
        int read;
        while ((read = file.read(buf)) > 0) {
            buf.flip();
            for (int i = 0; i < read; i++) {
                if (buf.get(i) == '\n') {
                    starts.addLast(lineStart);
                    if (starts.size() > n) {
                        starts.removeFirst();
                    }
                    lineStart = offset + i + 1;
                }
            }
            offset += read;
            buf.clear();
        }
        return starts.isEmpty() ? lineStart : starts.getFirst();
    }

    /** Reads newline-terminated lines; a line still being written (no newline yet) waits for the next call. */
    private static final class LineReader {
        private final FileChannel file;
        private final ByteBuffer buf = ByteBuffer.allocate(READ_CHUNK);
        private byte[] pending = new byte[0];

        LineReader(FileChannel file) {
            this.file = file;
            buf.flip();
        }

        byte[] next() throws IOException {
            while (true) {
                for (int i = buf.position(); i < buf.limit(); i++) {
                    if (buf.get(i) == '\n') {
                        byte[] part = new byte[i - buf.position()];
                        buf.get(part);
                        buf.get();
                        byte[] line = concat(pending, part);
                        pending = new byte[0];
                        return line;
                    }
                }
                byte[] rest = new byte[buf.remaining()];
                buf.get(rest);
                pending = concat(pending, rest);
                buf.clear();
                int read = file.read(buf);
                buf.flip();
                if (read <= 0) {
                    return null;
                }
            }
        }

        private static byte[] concat(byte[] a, byte[] b) {
            if (a.length == 0) {
                return b;
            }
            byte[] out = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, out, a.length, b.length);
            return out;
        }
    }
}
