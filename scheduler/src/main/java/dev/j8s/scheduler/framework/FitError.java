package dev.j8s.scheduler.framework;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * No node fits the pod. {@link #message()} is Kubernetes' {@code FitError.Error()} to the
 * character, since users read it in the PodScheduled condition and in events:
 * {@code 0/N nodes are available: <PreFilter msg>. } or the sorted reason histogram
 * {@code <count> <reason>, ...}, then a space and the PostFilter message when there is one.
 */
public record FitError(int numAllNodes, Diagnosis diagnosis) {

    public String message() {
        StringBuilder message = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        String preFilter = diagnosis.preFilterMessage();
        if (!preFilter.isEmpty()) {
            message.append(' ').append(preFilter).append('.');
        } else {
            List<String> histogram = histogram();
            if (!histogram.isEmpty()) {
                message.append(' ').append(String.join(", ", histogram)).append('.');
            }
        }
        String postFilter = diagnosis.postFilterMessage();
        if (!postFilter.isEmpty()) {
            message.append(' ').append(postFilter);
        }
        return message.toString();
    }

    /** "count reason" strings sorted as Go's sort.Strings does (byte order, so "10 x" before "2 y"). */
    private List<String> histogram() {
        NodeToStatus statuses = diagnosis.nodeToStatus();
        Map<String, Integer> counts = new HashMap<>();
        for (Status status : statuses.explicit().values()) {
            for (String reason : status.reasons()) {
                counts.merge(reason, 1, Integer::sum);
            }
        }
        int absentNodes = numAllNodes - statuses.size();
        if (absentNodes > 0) {
            for (String reason : statuses.absent().reasons()) {
                counts.merge(reason, absentNodes, Integer::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((reason, count) -> lines.add(count + " " + reason));
        lines.sort(null);
        return lines;
    }

    @Override
    public String toString() {
        return message();
    }
}
