package dev.j8s.bench;

/** One measured configuration: operations per second and latency percentiles in milliseconds. */
record Result(String name, int clients, int operations, double seconds, double p50, double p99, int errors) {

    double perSecond() {
        return operations / seconds;
    }

    static String header() {
        return String.format("%-28s %8s %10s %12s %9s %9s %7s", "target", "clients", "ops", "ops/s", "p50 ms",
                "p99 ms", "errors");
    }

    String row() {
        return String.format("%-28s %8d %10d %12.0f %9.2f %9.2f %7d", name, clients, operations, perSecond(), p50, p99,
                errors);
    }
}
