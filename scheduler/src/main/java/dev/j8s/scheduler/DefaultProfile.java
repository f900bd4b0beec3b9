package dev.j8s.scheduler;

import dev.j8s.scheduler.cache.Snapshot;
import dev.j8s.scheduler.framework.NamespaceLabels;
import dev.j8s.scheduler.framework.Plugin;
import dev.j8s.scheduler.framework.Profile;
import dev.j8s.scheduler.plugins.defaultbinder.DefaultBinder;
import dev.j8s.scheduler.plugins.defaultpreemption.DefaultPreemption;
import dev.j8s.scheduler.plugins.imagelocality.ImageLocality;
import dev.j8s.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.j8s.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.j8s.scheduler.plugins.nodename.NodeName;
import dev.j8s.scheduler.plugins.nodeports.NodePorts;
import dev.j8s.scheduler.plugins.noderesources.BalancedAllocation;
import dev.j8s.scheduler.plugins.noderesources.Fit;
import dev.j8s.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.j8s.scheduler.plugins.podtopologyspread.PodTopologySpread;
import dev.j8s.scheduler.plugins.tainttoleration.TaintToleration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Kubernetes' default profile (v1.32 {@code getDefaultPlugins}) without the volume plugins: the
 * same plugin order, which decides which reason a node reports when several apply, and the same
 * score weights. The plugins read the one {@link Snapshot} the scheduler refreshes in place.
 */
public final class DefaultProfile {

    public static final String SCHEDULER_NAME = "default-scheduler";

    private DefaultProfile() {
    }

    public static Profile create(Binder binder, Snapshot snapshot, NamespaceLabels namespaces, RandomGenerator random) {
        List<Plugin> plugins = List.of(
                new NodeUnschedulable(),
                new NodeName(),
                new TaintToleration(),
                new NodeAffinity(),
                new NodePorts(),
                new Fit(),
                new PodTopologySpread(() -> snapshot),
                new InterPodAffinity(() -> snapshot, namespaces),
                new DefaultPreemption(random),
                new BalancedAllocation(),
                new ImageLocality(() -> snapshot),
                new DefaultBinder(binder));
        Map<String, Integer> weights = Map.of(
                TaintToleration.NAME, 3,
                NodeAffinity.NAME, 2,
                Fit.NAME, 1,
                PodTopologySpread.NAME, 2,
                InterPodAffinity.NAME, 2,
                BalancedAllocation.NAME, 1,
                ImageLocality.NAME, 1);
        return new Profile(SCHEDULER_NAME, plugins, weights, 0);
    }
}
