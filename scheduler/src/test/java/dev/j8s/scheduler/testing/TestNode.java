package dev.j8s.scheduler.testing;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fluent Node for tests: 4 CPUs, 8 GiB, 110 pods unless told otherwise, hostname label set. */
public final class TestNode {

    private final String name;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, Quantity> allocatable = new HashMap<>();
    private final List<Taint> taints = new ArrayList<>();
    private final List<ContainerImage> images = new ArrayList<>();
    private boolean unschedulable;

    private TestNode(String name) {
        this.name = name;
        labels.put("kubernetes.io/hostname", name);
        allocatable.put("cpu", new Quantity("4"));
        allocatable.put("memory", new Quantity("8Gi"));
        allocatable.put("pods", new Quantity("110"));
    }

    public static TestNode node(String name) {
        return new TestNode(name);
    }

    public TestNode cpu(String amount) {
        return capacity("cpu", amount);
    }

    public TestNode memory(String amount) {
        return capacity("memory", amount);
    }

    public TestNode pods(int count) {
        return capacity("pods", Integer.toString(count));
    }

    public TestNode capacity(String resource, String amount) {
        allocatable.put(resource, new Quantity(amount));
        return this;
    }

    public TestNode label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public TestNode taint(String key, String value, String effect) {
        taints.add(new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build());
        return this;
    }

    public TestNode unschedulable() {
        unschedulable = true;
        return this;
    }

    public TestNode image(long sizeBytes, String... names) {
        images.add(new ContainerImage(List.of(names), sizeBytes));
        return this;
    }

    public Node build() {
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withTaints(taints).withUnschedulable(unschedulable ? Boolean.TRUE : null).endSpec()
                .withNewStatus().withAllocatable(allocatable).withCapacity(allocatable).withImages(images).endStatus()
                .build();
    }
}
