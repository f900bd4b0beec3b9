package dev.j8s.scheduler.testing;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.CycleState;
import dev.j8s.scheduler.framework.FilterPlugin;
import dev.j8s.scheduler.framework.NodeInfo;
import dev.j8s.scheduler.framework.Plugin;
import dev.j8s.scheduler.framework.PodInfo;
import dev.j8s.scheduler.framework.PreFilterPlugin;
import dev.j8s.scheduler.framework.PreFilterResult;
import dev.j8s.scheduler.framework.PreScorePlugin;
import dev.j8s.scheduler.framework.ScorePlugin;
import dev.j8s.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one plugin the way the framework does (PreFilter then Filter; PreScore, Score, normalize). */
public final class PluginRunner {

    private PluginRunner() {
    }

    /** Nodes with their pods: pods whose {@code spec.nodeName} names a node are placed on it. */
    public static List<NodeInfo> nodeInfos(List<Node> nodes, List<Pod> pods) {
        Map<String, NodeInfo> byName = new LinkedHashMap<>();
        for (Node node : nodes) {
            byName.put(node.getMetadata().getName(), NodeInfo.of(node));
        }
        for (Pod pod : pods) {
            byName.get(pod.getSpec().getNodeName()).addPod(PodInfo.of(pod));
        }
        return new ArrayList<>(byName.values());
    }

    /** The Filter status of {@code plugin} for {@code pod} on the snapshot's node {@code nodeName}. */
    public static Status filter(Plugin plugin, Pod pod, Snapshot snapshot, String nodeName) {
        CycleState state = new CycleState();
        PodInfo podInfo = PodInfo.of(pod);
        if (plugin instanceof PreFilterPlugin preFilter) {
            PreFilterResult result = preFilter.preFilter(state, podInfo, snapshot);
            if (result.status().isSkip()) {
                return Status.SUCCESS;
            }
            if (!result.status().isSuccess()) {
                return result.status();
            }
            if (result.nodeNames() != null && !result.nodeNames().contains(nodeName)) {
                return Status.unresolvable("excluded by PreFilter");
            }
        }
        return ((FilterPlugin) plugin).filter(state, podInfo, snapshot.get(nodeName));
    }

    /** Normalized scores for all the snapshot's nodes, in list order; all 0 when PreScore skips. */
    public static List<Long> scores(ScorePlugin plugin, Pod pod, Snapshot snapshot) {
        CycleState state = new CycleState();
        PodInfo podInfo = PodInfo.of(pod);
        List<NodeInfo> nodes = snapshot.list();
        long[] scores = new long[nodes.size()];
        if (plugin instanceof PreScorePlugin preScore && preScore.preScore(state, podInfo, nodes).isSkip()) {
            return Arrays.stream(scores).boxed().toList();
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = plugin.score(state, podInfo, nodes.get(i));
        }
        plugin.normalize(state, podInfo, nodes, scores);
        return Arrays.stream(scores).boxed().toList();
    }
}
