package dev.j8s.apiserver;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The API server's Prometheus metrics, named like kube-apiserver's where they mean the same. */
public final class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram latency;

    public ServerMetrics() {
        requests = Counter.builder()
                .name("apiserver_request_total")
                .help("Counter of apiserver requests broken out by verb and HTTP response code.")
                .labelNames("verb", "code")
                .register(registry);
        latency = Histogram.builder()
                .name("apiserver_request_duration_seconds")
                .help("Response latency distribution in seconds for each verb.")
                .labelNames("verb")
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    public void observe(String verb, int code, long nanos) {
        requests.labelValues(verb, Integer.toString(code)).inc();
        latency.labelValues(verb).observe(nanos / 1e9);
    }

    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new PrometheusTextFormatWriter(false).write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
