package dev.j8s.agent.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.function.Predicate;

/** Copies a blocking input stream (a process's stdout, a pod connection) to the client in chunks. */
final class OutputPump {

    private static final int CHUNK = 32 * 1024;

    private OutputPump() {}

    /**
     * Reads {@code in} until EOF or until {@code sink} refuses a chunk (client gone).
     *
     * @param frame turns a chunk into the message to write
     */
    static void copy(InputStream in, Function<byte[], Object> frame, Predicate<Object> sink) {
        byte[] buf = new byte[CHUNK];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0 && !sink.test(frame.apply(java.util.Arrays.copyOf(buf, n)))) {
                    return;
                }
            }
        } catch (IOException e) {
            // The stream closed under us (process killed, connection reset): the copy simply ends.
        }
    }
}
