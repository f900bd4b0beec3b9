package dev.j8s.scheduler.framework;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Data plugins share within one scheduling cycle of one pod (Kubernetes' {@code CycleState}): a
 * PreFilter computes, its Filter reads. Confined to the scheduling thread, so not synchronized.
 * Preemption works on a {@link #copy()} so its what-if changes do not leak into the real cycle.
 */
public final class CycleState {

    /** A value stored in the cycle state; mutable values copy themselves for preemption's dry runs. */
    public interface StateData {
        default StateData copy() {
            return this;
        }
    }

    private final Map<String, StateData> data;
    /** Plugins whose PreFilter answered Skip: the framework does not call their Filter this cycle. */
    private Set<String> skipFilterPlugins = Set.of();
    /** Plugins whose PreScore answered Skip. */
    private Set<String> skipScorePlugins = Set.of();
    /** The Filter plugins that run this cycle (the profile's minus the skipped), set by the Framework. */
    FilterPlugin[] activeFilters;

    public CycleState() {
        this.data = new HashMap<>();
    }

    private CycleState(Map<String, StateData> data) {
        this.data = data;
    }

    public void write(String key, StateData value) {
        data.put(key, value);
    }

    /** The value under {@code key}, or null when the plugin's PreFilter/PreScore did not run or skipped. */
    public <T extends StateData> T read(String key, Class<T> type) {
        StateData value = data.get(key);
        return value == null ? null : type.cast(value);
    }

    public Set<String> skipFilterPlugins() {
        return skipFilterPlugins;
    }

    public void setSkipFilterPlugins(Set<String> plugins) {
        this.skipFilterPlugins = plugins;
    }

    public Set<String> skipScorePlugins() {
        return skipScorePlugins;
    }

    public void setSkipScorePlugins(Set<String> plugins) {
        this.skipScorePlugins = plugins;
    }

    public CycleState copy() {
        Map<String, StateData> copied = new HashMap<>(data.size() * 2);
        data.forEach((k, v) -> copied.put(k, v.copy()));
        CycleState copy = new CycleState(copied);
        copy.skipFilterPlugins = skipFilterPlugins;
        copy.skipScorePlugins = skipScorePlugins;
        copy.activeFilters = activeFilters;
        return copy;
    }
}
