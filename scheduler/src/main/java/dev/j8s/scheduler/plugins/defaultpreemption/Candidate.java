package dev.j8s.scheduler.plugins.defaultpreemption;

import dev.j8s.scheduler.framework.PodInfo;
import java.util.List;

/** A node where deleting {@code victims} (most important first) lets the preemptor fit. */
record Candidate(String nodeName, List<PodInfo> victims) {
}
