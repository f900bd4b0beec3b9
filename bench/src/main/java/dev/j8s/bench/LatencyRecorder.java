package dev.j8s.bench;

import java.util.Arrays;

/** Collects per-operation latencies of one run and reports throughput and percentiles. */
final class LatencyRecorder {

    private long[] nanos = new long[1 << 16];
    private int count;

    synchronized void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized int count() {
        return count;
    }

    /** Percentile in milliseconds, e.g. {@code percentile(0.99)}. */
    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(p * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
