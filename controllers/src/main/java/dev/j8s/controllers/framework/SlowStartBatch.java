package dev.j8s.controllers.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Kubernetes' slowStartBatch: run {@code count} calls in batches of 1, 2, 4, … in parallel,
 * stopping after the first batch with a failure. A quota or admission error then costs one call,
 * not hundreds.
 */
public final class SlowStartBatch {

    /** One call of the batch; throws on failure. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    /** How many calls succeeded and the first failure, if any. */
    public record Outcome(int successes, Exception firstError) {
        public boolean failed() {
            return firstError != null;
        }
    }

    private SlowStartBatch() {}

    /** The batch sizes for {@code count} calls starting at {@code initial}: 1, 2, 4, …, the remainder. */
    public static List<Integer> batchSizes(int count, int initial) {
        List<Integer> sizes = new ArrayList<>();
        int remaining = count;
        for (int size = Math.min(remaining, initial); size > 0; size = Math.min(2 * size, remaining)) {
            sizes.add(size);
            remaining -= size;
        }
        return sizes;
    }

    public static Outcome run(int count, int initial, ExecutorService executor, Call call)
            throws InterruptedException {
        int successes = 0;
        for (int size : batchSizes(count, initial)) {
            List<CompletableFuture<Exception>> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        call.run();
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                }, executor));
            }
            Exception first = null;
            for (CompletableFuture<Exception> f : batch) {
                Exception e;
                try {
                    e = f.get();
                } catch (ExecutionException ex) {
                    e = ex.getCause() instanceof Exception cause ? cause : new IllegalStateException(ex.getCause());
                }
                if (e == null) {
                    successes++;
                } else if (first == null) {
                    first = e;
                }
            }
            if (first != null) {
                return new Outcome(successes, first);
            }
        }
        return new Outcome(successes, null);
    }
}
