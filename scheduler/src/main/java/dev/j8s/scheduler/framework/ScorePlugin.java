package dev.j8s.scheduler.framework;

import java.util.List;

/**
 * Ranks a feasible node; after all nodes are scored, {@link #normalize} maps the raw scores into
 * [0, {@link #MAX_NODE_SCORE}] (Kubernetes' ScoreExtensions.NormalizeScore) before weighting.
 */
public interface ScorePlugin extends Plugin {

    long MAX_NODE_SCORE = 100;

    long score(CycleState state, PodInfo pod, NodeInfo node);

    /** {@code scores[i]} belongs to {@code nodes.get(i)}; rewrite in place. */
    default void normalize(CycleState state, PodInfo pod, List<NodeInfo> nodes, long[] scores) {
    }

    /**
     * Kubernetes' {@code helper.DefaultNormalizeScore}: scale so the best node gets
     * {@code MAX_NODE_SCORE}; {@code reverse} makes the lowest raw score best.
     */
    static void defaultNormalize(long[] scores, boolean reverse) {
        long max = 0;
        for (long score : scores) {
            max = Math.max(max, score);
        }
        if (max == 0) {
            if (reverse) {
                java.util.Arrays.fill(scores, MAX_NODE_SCORE);
            }
            return;
        }
        for (int i = 0; i < scores.length; i++) {
            long scaled = MAX_NODE_SCORE * scores[i] / max;
            scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
        }
    }
}
