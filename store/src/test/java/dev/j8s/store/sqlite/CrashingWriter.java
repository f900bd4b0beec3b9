package dev.j8s.store.sqlite;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process of {@link SqliteCrashTest}: creates keys from several threads as fast as it can
 * and prints each key once its create has returned, as {@code key|} (the bar marks a complete
 * line). It never exits on its own; the test kills it.
 */
public final class CrashingWriter {
    public static void main(String[] args) {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        byte[] value = new byte[1024];
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread.ofPlatform().name("crashing-writer-" + t).start(() -> {
                for (long i = 0; ; i++) {
                    String key = "/crash/" + thread + "/" + i;
                    store.create(key, value);
                    synchronized (out) {
                        out.print(key + "|\n");
                        out.flush();
                    }
                }
            });
        }
    }
}
