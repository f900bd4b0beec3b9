package dev.j8s.controllers.daemonset;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tolerations every daemon pod gets (daemon util AddOrUpdateDaemonPodTolerations): a daemon
 * keeps running on a node that is not ready, unreachable, under resource pressure or cordoned, and
 * a host-network daemon also where the pod network is not up yet.
 */
final class DaemonPodTolerations {

    private DaemonPodTolerations() {}

    static List<Toleration> defaults(boolean hostNetwork) {
        List<Toleration> out = new ArrayList<>(List.of(
                exists("node.kubernetes.io/not-ready", "NoExecute"),
                exists("node.kubernetes.io/unreachable", "NoExecute"),
                exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
                exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
                exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
                exists("node.kubernetes.io/unschedulable", "NoSchedule")));
        if (hostNetwork) {
            out.add(exists("node.kubernetes.io/network-unavailable", "NoSchedule"));
        }
        return out;
    }

    /** The spec's tolerations plus each default one it does not already have (same key and effect). */
    static List<Toleration> withDefaults(PodSpec spec) {
        List<Toleration> out = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
        for (Toleration wanted : defaults(Boolean.TRUE.equals(spec.getHostNetwork()))) {
            // AddOrUpdateTolerationInPodSpec replaces a toleration of the same key, effect and operator.
            out.removeIf(t -> Objects.equals(t.getKey(), wanted.getKey())
                    && Objects.equals(t.getEffect(), wanted.getEffect())
                    && Objects.equals(t.getOperator(), wanted.getOperator()));
            out.add(wanted);
        }
        return out;
    }

    private static Toleration exists(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }
}
