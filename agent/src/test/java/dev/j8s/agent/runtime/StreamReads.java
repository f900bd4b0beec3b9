package dev.j8s.agent.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading an exec or attach session's output in the runtimes' tests. */
public final class StreamReads {

    private StreamReads() {}

    /** Reads until {@code expected} appeared; what was read. Fails when the stream ends first. */
    public static String readUntil(InputStream in, String expected) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buf = new byte[4096];
        while (!seen.toString().contains(expected)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new AssertionError("stream ended before \"" + expected + "\"; read: " + seen);
            }
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        return seen.toString();
    }
}
