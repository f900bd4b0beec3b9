package dev.j8s.api.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import java.util.List;

/**
 * What a node agent sends once per reporting interval to feed {@code metrics.k8s.io}: a j8s extension
 * (real clients only read the metrics API). The agent POSTs it to
 * {@code /apis/metrics.k8s.io/v1beta1/nodes/<node>/report}; the server keeps it in memory, never in the
 * store, and answers {@code 201} with a Success Status.
 *
 * <pre>{@code
 * {"apiVersion": "j8s.dev/v1alpha1", "kind": "NodeMetricsReport",
 *  "node": {"metadata": {"name": "n1", "labels": {...}}, "timestamp": "...", "window": "15s",
 *           "usage": {"cpu": "250m", "memory": "512Mi"}},
 *  "pods": [{"metadata": {"namespace": "default", "name": "web-1", "labels": {...}},
 *            "timestamp": "...", "window": "15s",
 *            "containers": [{"name": "web", "usage": {"cpu": "200m", "memory": "64Mi"}}]}]}
 * }</pre>
 *
 * A report replaces everything the node reported before: pods it no longer lists lose their metrics.
 * Labels travel with the metrics (as metrics-server copies them) so label-selected lists need no pod
 * lookups. Entries expire after {@link #EXPIRY_INTERVALS} windows without a new report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeMetricsReport(String apiVersion, String kind, NodeMetrics node, List<PodMetrics> pods) {

    public static final String API_VERSION = "j8s.dev/v1alpha1";
    public static final String KIND = "NodeMetricsReport";
    /** The subresource of metrics.k8s.io nodes that accepts reports. */
    public static final String SUBRESOURCE = "report";
    /** Metrics stay served this many reporting windows after the last report. */
    public static final int EXPIRY_INTERVALS = 3;

    public static NodeMetricsReport of(NodeMetrics node, List<PodMetrics> pods) {
        return new NodeMetricsReport(API_VERSION, KIND, node, List.copyOf(pods));
    }
}
