package dev.j8s.agent.kubelet;

import dev.j8s.agent.runtime.ContainerStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pod's containers in the runtime, by name, newest attempt first. */
record PodContainers(Map<String, List<ContainerStatus>> byName) {

    static PodContainers of(List<ContainerStatus> all) {
        Map<String, List<ContainerStatus>> byName = new LinkedHashMap<>();
        for (ContainerStatus c : all) {
            byName.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
        }
        byName.values().forEach(l -> l.sort(Comparator.comparingInt(ContainerStatus::attempt).reversed()));
        return new PodContainers(byName);
    }

    ContainerStatus latest(String name) {
        List<ContainerStatus> l = byName.get(name);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    ContainerStatus previous(String name) {
        List<ContainerStatus> l = byName.get(name);
        return l == null || l.size() < 2 ? null : l.get(1);
    }

    List<ContainerStatus> running() {
        return byName.values().stream().flatMap(List::stream).filter(ContainerStatus::isRunning).toList();
    }
}
